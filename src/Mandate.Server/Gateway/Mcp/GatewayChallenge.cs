using Mandate.Core.Configuration;
using Mandate.Core.Dpop;
using Mandate.Core.Gateway;
using Mandate.Core.Gateway.Authorization;
using Mandate.Protocol.Dpop;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Gateway.Mcp;

/// <summary>
/// The gateway's WWW-Authenticate challenges (RFC 6750, RFC 9728 resource_metadata, RFC 9449 §7). A caller that used
/// Bearer (or sent nothing) gets the one Bearer challenge MCP clients expect; a caller that used DPoP, and every caller
/// when Gateway:RequireDpop is on, gets a DPoP challenge with algs. A DPoP-bound token sent as Bearer gets both, so the
/// client learns to use DPoP. A refused token is only ever invalid_token, never why.
/// </summary>
public static class GatewayChallenge
{
    /// <summary>
    /// 401: no token, a token that failed, or a DPoP failure (error invalid_token, invalid_dpop_proof or use_dpop_nonce).
    /// <paramref name="offerDpop"/> adds a DPoP challenge to a Bearer one (a DPoP-bound token was sent as Bearer).
    /// </summary>
    public static Task WriteUnauthorizedAsync(HttpContext context, ResolvedUpstream upstream, GatewayCredentials credentials, string? error, string? description = null, bool offerDpop = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(upstream);
        ArgumentNullException.ThrowIfNull(credentials);
        var services = context.RequestServices;
        var requireDpop = services.GetRequiredService<IOptions<MandateOptions>>().Value.Gateway.RequireDpop;
        var algs = string.Join(' ', services.GetRequiredService<DpopProofVerifier>().Algorithms);
        var tail = $"resource_metadata=\"{upstream.MetadataUri}\", scope=\"{GatewayScopes.Read}\"";
        var errorPart = error is null ? string.Empty : $"error=\"{error}\", ";
        var descriptionPart = description is null ? string.Empty : $"error_description=\"{description}\", ";
        string[] challenges = credentials.Scheme == GatewayCredentialScheme.Dpop || requireDpop
            ? [$"DPoP {errorPart}{descriptionPart}algs=\"{algs}\", {tail}"]
            : offerDpop
                ? [$"Bearer {errorPart}{tail}", $"DPoP algs=\"{algs}\", {tail}"]
                : [$"Bearer {errorPart}{tail}"];
        return WriteAsync(context, StatusCodes.Status401Unauthorized, challenges);
    }

    public static Task WriteInsufficientScopeAsync(HttpContext context, ResolvedUpstream upstream, string requiredScope, GatewayCredentialScheme scheme)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(upstream);
        var tail = $"error=\"insufficient_scope\", scope=\"{requiredScope}\", resource_metadata=\"{upstream.MetadataUri}\"";
        var challenge = scheme == GatewayCredentialScheme.Dpop
            ? $"DPoP {tail}, algs=\"{string.Join(' ', context.RequestServices.GetRequiredService<DpopProofVerifier>().Algorithms)}\""
            : $"Bearer {tail}";
        return WriteAsync(context, StatusCodes.Status403Forbidden, [challenge]);
    }

    /// <summary>Sets DPoP-Nonce to the current nonce (when nonces are required), on refusals and successful answers alike.</summary>
    public static void WriteNonce(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var verifier = context.RequestServices.GetRequiredService<DpopProofVerifier>();
        if (verifier.NonceRequired)
        {
            context.Response.Headers[DpopConstants.NonceHeader] = verifier.CurrentNonce();
        }
    }

    private static Task WriteAsync(HttpContext context, int status, string[] challenges)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.WWWAuthenticate = challenges;
        context.Response.Headers.CacheControl = "no-store";
        return Task.CompletedTask;
    }
}
