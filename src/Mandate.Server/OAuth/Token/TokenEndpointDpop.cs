using Mandate.Core.Configuration;
using Mandate.Core.Dpop;
using Mandate.Protocol.Dpop;
using Mandate.Server.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mandate.Server.OAuth.Token;

/// <summary>
/// The DPoP step of POST /token (RFC 9449 §5, §8): at most one DPoP header, a proof for POST to the token endpoint URL
/// as the issuer names it, without ath. Runs before the grant, so a proof refused for its nonce leaves the code or
/// refresh token unspent. When nonces are required, every answer to a DPoP request carries the current DPoP-Nonce.
/// </summary>
public static class TokenEndpointDpop
{
    /// <summary>The verification (Absent when no DPoP header came), or null after writing the 400 refusal.</summary>
    public static async Task<DpopVerification?> VerifyAsync(HttpContext context, string endpointPath)
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.RequestServices;
        var verifier = services.GetRequiredService<DpopProofVerifier>();
        var uri = services.GetRequiredService<IOptions<MandateOptions>>().Value.Issuer + endpointPath;
        var proofs = context.Request.Headers[DpopConstants.ProofHeader].ToArray();
        var verification = await verifier.VerifyAsync(proofs, HttpMethods.Post, uri, accessToken: null, context.RequestAborted);
        if (verification.Presented && verifier.NonceRequired)
        {
            context.Response.Headers[DpopConstants.NonceHeader] = verifier.CurrentNonce();
        }

        if (verification.Error is { } error)
        {
            await OAuthResponses.WriteErrorAsync(context, error);
            return null;
        }

        return verification;
    }
}
