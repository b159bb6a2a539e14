using Mandate.Protocol.OAuth;

namespace Mandate.Core.OAuth.Token;

/// <summary>A grant bound to a DPoP key (dpop_jkt on the code, a public client's refresh token) needs a proof of that key.</summary>
public static class DpopBinding
{
    /// <summary>
    /// Null when the grant is unbound or the proof's key is the bound one; otherwise invalid_dpop_proof (no proof) or
    /// invalid_grant (a proof of another key: this grant is not for that key, retrying the same way cannot help).
    /// </summary>
    public static OAuthError? Check(string? boundJkt, string? proofJkt, string grantName)
    {
        if (boundJkt is null || string.Equals(boundJkt, proofJkt, StringComparison.Ordinal))
        {
            return null;
        }

        return proofJkt is null
            ? OAuthError.InvalidDpopProof($"This {grantName} is bound to a DPoP key: send a DPoP proof of that key.")
            : OAuthError.InvalidGrant($"This {grantName} is bound to another DPoP key.");
    }
}
