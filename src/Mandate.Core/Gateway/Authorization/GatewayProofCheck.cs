using Mandate.Core.Configuration;
using Mandate.Core.Dpop;
using Mandate.Protocol.OAuth;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mandate.Core.Gateway.Authorization;

/// <summary>
/// The gateway's DPoP rules, after the token itself verified (cached): a DPoP-bound token (cnf.jkt) only with the DPoP
/// scheme and a valid proof of that key for this request (htm, htu = the resource URI, ath, fresh jti, nonce when
/// required); an unbound token only as Bearer, and not at all when <see cref="GatewayOptions.RequireDpop"/> is on
/// (RFC 9449 §7.1, §7.2). The proof is checked on every request; only the token's verification is cached.
/// </summary>
public sealed class GatewayProofCheck(DpopProofVerifier verifier, IOptions<MandateOptions> options, ILogger<GatewayProofCheck> logger)
{
    public async ValueTask<GatewayProofResult> CheckAsync(
        GatewayToken token,
        GatewayCredentialScheme scheme,
        string accessToken,
        IReadOnlyList<string?> proofs,
        string method,
        string resourceUri,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var jkt = token.Claims.DpopJkt;
        if (scheme == GatewayCredentialScheme.Bearer)
        {
            if (jkt is not null)
            {
                return Refuse(GatewayProofOutcome.InvalidToken, "DPoP-bound token sent as Bearer");
            }

            return options.Value.Gateway.RequireDpop
                ? Refuse(GatewayProofOutcome.InvalidToken, "Bearer token where DPoP is required")
                : GatewayProofResult.Allowed;
        }

        if (jkt is null)
        {
            return Refuse(GatewayProofOutcome.InvalidToken, "unbound token sent as DPoP");
        }

        var proof = await verifier.VerifyAsync(proofs, method, resourceUri, accessToken, cancellationToken);
        if (!proof.Presented)
        {
            return Refuse(GatewayProofOutcome.InvalidProof, "no DPoP proof", "A DPoP proof is required with a DPoP-bound token.");
        }

        if (proof.Error is { } error)
        {
            return new GatewayProofResult(error.Error == OAuthErrorCodes.UseDpopNonce ? GatewayProofOutcome.UseNonce : GatewayProofOutcome.InvalidProof, error.Description);
        }

        return string.Equals(proof.Thumbprint, jkt, StringComparison.Ordinal)
            ? GatewayProofResult.Allowed
            : Refuse(GatewayProofOutcome.InvalidToken, "DPoP proof of another key");
    }

    private GatewayProofResult Refuse(GatewayProofOutcome outcome, string reason, string? description = null)
    {
        AuthorizationLog.TokenRefused(logger, reason);
        return new GatewayProofResult(outcome, description);
    }
}
