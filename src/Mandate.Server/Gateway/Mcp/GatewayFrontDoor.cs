using System.Globalization;
using Mandate.Core.Gateway.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.Gateway.Mcp;

/// <summary>
/// What every gateway request passes first, in order: Origin (403), a known upstream (404), a valid token for that
/// upstream (401), its DPoP proof when it is DPoP-bound (401). Writes the refusal and returns null, or returns the
/// caller. Refusals of a request that showed an Origin, a token or a proof are audited (a request with no token at all
/// is the normal start of MCP discovery, and a nonce challenge the normal start of DPoP; neither is). The rate limits
/// (429) come next, once the handler knows what to write in the audit.
/// </summary>
public static class GatewayFrontDoor
{
    public static Task<GatewayCaller?> AdmitAsync(HttpContext context, string name) => AdmitAsync(context, name, GatewaySurface.Mcp);

    /// <summary>The same for either surface: an upstream of the other kind is not found (404).</summary>
    public static async Task<GatewayCaller?> AdmitAsync(HttpContext context, string name, GatewaySurface surface)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(surface);
        var services = context.RequestServices;
        var startedAt = services.GetRequiredService<TimeProvider>().GetTimestamp();
        if (!services.GetRequiredService<OriginCheck>().IsAllowed(context.Request))
        {
            AuditIdHeader.Set(context.Response, await services.GetRequiredService<GatewayAudit>().RecordRefusalAsync(context, name, "origin not allowed"));
            await surface.WriteErrorAsync(context, StatusCodes.Status403Forbidden, GatewayErrorCodes.OriginNotAllowed, "Forbidden: this Origin may not call the gateway.");
            return null;
        }

        var upstream = await services.GetRequiredService<UpstreamResolver>().FindAsync(name, context.RequestAborted);
        if (upstream is null || upstream.Upstream.Kind != surface.Kind)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return null;
        }

        var credentials = GatewayCredentials.Read(context.Request);
        var token = credentials.Token is null ? null : await services.GetRequiredService<GatewayTokenValidator>().ValidateAsync(credentials.Token, upstream.ResourceUri, context.RequestAborted);
        if (token is null)
        {
            if (credentials.Presented)
            {
                AuditIdHeader.Set(context.Response, await services.GetRequiredService<GatewayAudit>().RecordRefusalAsync(context, upstream.Name, "invalid_token"));
            }

            await GatewayChallenge.WriteUnauthorizedAsync(context, upstream, credentials, credentials.Presented ? "invalid_token" : null);
            return null;
        }

        return await CheckProofAsync(context, upstream, credentials, token, surface.ProofUri(context, upstream))
            ? new GatewayCaller(upstream, token, startedAt, context.Connection.RemoteIpAddress?.ToString()) { Scheme = credentials.Scheme }
            : null;
    }

    /// <summary>RFC 9449 section 7: the DPoP rules for the verified token; writes the 401 and returns false when they refuse.</summary>
    private static async Task<bool> CheckProofAsync(HttpContext context, ResolvedUpstream upstream, GatewayCredentials credentials, GatewayToken token, string proofUri)
    {
        var result = await context.RequestServices.GetRequiredService<GatewayProofCheck>().CheckAsync(
            token, credentials.Scheme, credentials.Token!, GatewayCredentials.ReadProofs(context.Request), context.Request.Method, proofUri, context.RequestAborted);
        if (credentials.Scheme == GatewayCredentialScheme.Dpop)
        {
            GatewayChallenge.WriteNonce(context);
        }

        switch (result.Outcome)
        {
            case GatewayProofOutcome.Allowed:
                return true;
            case GatewayProofOutcome.InvalidProof:
                AuditIdHeader.Set(context.Response, await context.RequestServices.GetRequiredService<GatewayAudit>().RecordRefusalAsync(context, upstream.Name, "invalid_dpop_proof"));
                await GatewayChallenge.WriteUnauthorizedAsync(context, upstream, credentials, "invalid_dpop_proof", result.Description);
                return false;
            case GatewayProofOutcome.UseNonce:
                await GatewayChallenge.WriteUnauthorizedAsync(context, upstream, credentials, "use_dpop_nonce", result.Description);
                return false;
            default:
                AuditIdHeader.Set(context.Response, await context.RequestServices.GetRequiredService<GatewayAudit>().RecordRefusalAsync(context, upstream.Name, "invalid_token: key binding"));
                await GatewayChallenge.WriteUnauthorizedAsync(context, upstream, credentials, "invalid_token", offerDpop: token.Claims.IsDpopBound);
                return false;
        }
    }

    /// <summary>Spends one request from the caller's client and user budgets; false when a 429 was written.</summary>
    public static async Task<bool> TryAcquireAsync(HttpContext context, GatewayCaller caller)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(caller);
        if (context.RequestServices.GetRequiredService<GatewayRateLimiter>().TryAcquire(caller.ClientId, caller.Subject) is not { } retryAfter)
        {
            return true;
        }

        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await JsonRpcErrors.WriteAsync(context, StatusCodes.Status429TooManyRequests, GatewayErrorCodes.RateLimited, "Too many requests: try again later.");
        return false;
    }
}
