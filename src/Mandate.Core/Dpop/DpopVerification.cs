using Mandate.Protocol.OAuth;

namespace Mandate.Core.Dpop;

/// <summary>
/// What the DPoP header of a request proved: nothing (no header), the thumbprint of the key that signed a valid, fresh,
/// unreplayed proof, or the error to answer with (<c>invalid_dpop_proof</c>, <c>use_dpop_nonce</c>).
/// </summary>
public sealed record DpopVerification
{
    public static readonly DpopVerification Absent = new();

    /// <summary>The RFC 7638 thumbprint (jkt) of the proof's key; null when there was no proof or it failed.</summary>
    public string? Thumbprint { get; init; }

    public OAuthError? Error { get; init; }

    /// <summary>Whether the request carried a DPoP header at all.</summary>
    public bool Presented { get; init; }

    /// <summary>True when the answer should carry a fresh nonce and the use_dpop_nonce error.</summary>
    public bool NonceRequested => Error?.Error == OAuthErrorCodes.UseDpopNonce;

    public static DpopVerification Valid(string thumbprint) => new() { Thumbprint = thumbprint, Presented = true };

    public static DpopVerification Failed(OAuthError error) => new() { Error = error, Presented = true };
}
