namespace Mandate.Protocol.Dpop;

/// <summary>The names RFC 9449 (DPoP) defines: header fields, the proof's JWT type, the token type and scheme.</summary>
public static class DpopConstants
{
    /// <summary>The request header field carrying the proof (RFC 9449 §4.1).</summary>
    public const string ProofHeader = "DPoP";

    /// <summary>The response header field carrying a server-provided nonce (RFC 9449 §8).</summary>
    public const string NonceHeader = "DPoP-Nonce";

    /// <summary>The <c>typ</c> of a proof JWT (RFC 9449 §4.2).</summary>
    public const string JwtType = "dpop+jwt";

    /// <summary>The <c>token_type</c> of a DPoP-bound access token and its authentication scheme (RFC 9449 §5, §7.1).</summary>
    public const string TokenType = "DPoP";

    /// <summary>The HTTP authentication scheme of DPoP-bound access tokens (RFC 9449 §7.1).</summary>
    public const string Scheme = "DPoP";

    /// <summary>The confirmation method member under <c>cnf</c> (RFC 9449 §6.1).</summary>
    public const string ConfirmationMember = "jkt";

    /// <summary>The authorization request parameter binding a code to a key (RFC 9449 §10).</summary>
    public const string JwkThumbprintParameter = "dpop_jkt";
}
