namespace Mandate.Core.Gateway.Authorization;

/// <summary>The result of the gateway's DPoP rules for one request (RFC 9449 §7).</summary>
public enum GatewayProofOutcome
{
    /// <summary>The token may be used as presented.</summary>
    Allowed,

    /// <summary>401 invalid_token: a DPoP-bound token sent as Bearer, an unbound token sent as DPoP, a Bearer token where DPoP is required, or a proof of another key.</summary>
    InvalidToken,

    /// <summary>401 invalid_dpop_proof: the DPoP header is missing, repeated or fails a check.</summary>
    InvalidProof,

    /// <summary>401 use_dpop_nonce with a fresh DPoP-Nonce.</summary>
    UseNonce,
}
