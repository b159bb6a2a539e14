namespace Mandate.Protocol.Jose;

/// <summary>JWS algorithm names (RFC 7518, RFC 8037).</summary>
public static class JwsAlgorithms
{
    /// <summary>ECDSA P-256 SHA-256.</summary>
    public const string ES256 = "ES256";

    /// <summary>RSASSA-PSS SHA-256.</summary>
    public const string PS256 = "PS256";

    /// <summary>RSASSA-PKCS1-v1_5 SHA-256 (accepted from clients, never used to sign).</summary>
    public const string RS256 = "RS256";

    /// <summary>Edwards-curve signatures (Ed25519).</summary>
    public const string EdDSA = "EdDSA";

    /// <summary>Ed25519 by its fully-specified name (RFC 9864); accepted where <see cref="EdDSA"/> with an Ed25519 key is.</summary>
    public const string Ed25519 = "Ed25519";
}
