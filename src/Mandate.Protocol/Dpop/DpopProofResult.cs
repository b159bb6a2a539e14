using Mandate.Protocol.OAuth;

namespace Mandate.Protocol.Dpop;

/// <summary>The outcome of checking a DPoP proof: the key's thumbprint and the proof's identity, or why it was refused.</summary>
public sealed record DpopProofResult
{
    /// <summary>Why the proof was refused; <see cref="DpopProofFailure.None"/> when it is valid.</summary>
    public DpopProofFailure Failure { get; init; }

    /// <summary>The error to answer with: <c>invalid_dpop_proof</c>, or <c>use_dpop_nonce</c> for nonce failures. Null when valid.</summary>
    public OAuthError? Error { get; init; }

    /// <summary>The RFC 7638 SHA-256 thumbprint of the proof's key (the <c>jkt</c> to bind tokens to). Set when valid.</summary>
    public string? Thumbprint { get; init; }

    /// <summary>The proof's <c>jti</c>, for replay detection. Set when valid.</summary>
    public string? JwtId { get; init; }

    /// <summary>The proof's <c>iat</c>. Set when valid.</summary>
    public DateTimeOffset IssuedAt { get; init; }

    /// <summary>Whether the proof passed every check.</summary>
    public bool IsValid => Failure == DpopProofFailure.None;

    /// <summary>Whether the failure is about the nonce (the answer carries a fresh one and <c>use_dpop_nonce</c>).</summary>
    public bool IsNonceFailure => Failure is DpopProofFailure.MissingNonce or DpopProofFailure.StaleNonce;

    /// <summary>A valid result.</summary>
    /// <param name="thumbprint">The key's thumbprint.</param>
    /// <param name="jwtId">The proof's jti.</param>
    /// <param name="issuedAt">The proof's iat.</param>
    /// <returns>The result.</returns>
    public static DpopProofResult Valid(string thumbprint, string jwtId, DateTimeOffset issuedAt) =>
        new() { Thumbprint = thumbprint, JwtId = jwtId, IssuedAt = issuedAt };

    /// <summary>A refusal with its error.</summary>
    /// <param name="failure">Which check failed.</param>
    /// <param name="description">What to tell the client developer; never a token or a key.</param>
    /// <returns>The result.</returns>
    public static DpopProofResult Refused(DpopProofFailure failure, string description) => new()
    {
        Failure = failure,
        Error = failure is DpopProofFailure.MissingNonce or DpopProofFailure.StaleNonce
            ? OAuthError.UseDpopNonce(description)
            : OAuthError.InvalidDpopProof(description),
    };
}
