using System.Globalization;
using Mandate.Core.Gateway.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.Gateway.Mcp;

/// <summary>
/// What every gateway request passes first, in order: Origin (403), a known upstream (404), a valid token for that
/// upstream (401). Writes the refusal and returns null, or returns the caller. Refusals of a request that showed an
/// Origin or a token are audited (a request with no token at all is the normal start of MCP discovery and is not). The rate limits (429) come next, once
/// the handler knows what to write in the audit.
/// </summary>
public static class GatewayFrontDoor
{
    public static async Task<GatewayCaller?> AdmitAsync(HttpContext context, string name)
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.RequestServices;
        var startedAt = services.GetRequiredService<TimeProvider>().GetTimestamp();
        if (!services.GetRequiredService<OriginCheck>().IsAllowed(context.Request))
        {
            await JsonRpcErrors.WriteAsync(context, StatusCodes.Status403Forbidden, GatewayErrorCodes.OriginNotAllowed, "Forbidden: this Origin may not call the gateway.");
            await services.GetRequiredService<GatewayAudit>().RecordRefusalAsync(context, name, "origin not allowed");
            return null;
        }

        var upstream = await services.GetRequiredService<UpstreamResolver>().FindAsync(name, context.RequestAborted);
        if (upstream is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return null;
        }

        var raw = BearerChallenge.ReadToken(context.Request, out var presented);
        var token = raw is null ? null : await services.GetRequiredService<GatewayTokenValidator>().ValidateAsync(raw, upstream.ResourceUri, context.RequestAborted);
        if (token is null)
        {
            await BearerChallenge.WriteUnauthorizedAsync(context, upstream, presented);
            if (presented)
            {
                await services.GetRequiredService<GatewayAudit>().RecordRefusalAsync(context, upstream.Name, "invalid_token");
            }

            return null;
        }

        return new GatewayCaller(upstream, token, startedAt, context.Connection.RemoteIpAddress?.ToString());
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
