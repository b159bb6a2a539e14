namespace Mandate.Protocol.Dpop;

/// <summary>Why a DPoP proof was refused (RFC 9449 §4.3), one value per check.</summary>
public enum DpopProofFailure
{
    /// <summary>The proof is valid.</summary>
    None,

    /// <summary>No proof was sent.</summary>
    Missing,

    /// <summary>Longer than <see cref="DpopProofValidationOptions.MaxProofLength"/>.</summary>
    TooLarge,

    /// <summary>Not a compact JWS with JSON object header and payload, or a header Mandate does not understand (<c>crit</c>).</summary>
    Malformed,

    /// <summary><c>typ</c> is not <c>dpop+jwt</c>.</summary>
    WrongType,

    /// <summary><c>alg</c> is missing, symmetric, <c>none</c>, or not among the allowed algorithms.</summary>
    UnsupportedAlgorithm,

    /// <summary><c>jwk</c> is missing, unsupported, malformed, or does not fit <c>alg</c>.</summary>
    InvalidKey,

    /// <summary><c>jwk</c> carries private key members.</summary>
    PrivateKey,

    /// <summary>The signature does not verify with the <c>jwk</c>.</summary>
    BadSignature,

    /// <summary><c>jti</c>, <c>htm</c>, <c>htu</c> or <c>iat</c> is missing or of the wrong type.</summary>
    MissingClaim,

    /// <summary><c>jti</c> is longer than <see cref="DpopProofValidationOptions.MaxJwtIdLength"/>.</summary>
    JwtIdTooLong,

    /// <summary><c>htm</c> is not the request's method.</summary>
    MethodMismatch,

    /// <summary><c>htu</c> is not the request's URI (query and fragment ignored).</summary>
    UriMismatch,

    /// <summary><c>iat</c> is older than <see cref="DpopProofValidationOptions.MaxAge"/>.</summary>
    TooOld,

    /// <summary><c>iat</c> is further in the future than <see cref="DpopProofValidationOptions.ClockSkew"/>.</summary>
    IssuedInFuture,

    /// <summary>An access token was presented but the proof has no <c>ath</c>.</summary>
    MissingAccessTokenHash,

    /// <summary><c>ath</c> is not the hash of the access token presented.</summary>
    AccessTokenHashMismatch,

    /// <summary>A nonce is required and the proof has none (answered with <c>use_dpop_nonce</c>).</summary>
    MissingNonce,

    /// <summary>The proof's nonce is not one the server currently accepts (answered with <c>use_dpop_nonce</c>).</summary>
    StaleNonce,
}
