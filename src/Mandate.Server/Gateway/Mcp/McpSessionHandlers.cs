using Mandate.Core.Gateway;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.Gateway.Mcp;

/// <summary>
/// GET {issuer}/mcp/{name} opens the upstream's server-to-client SSE stream (Last-Event-ID passed on for resumption,
/// tool listings in it filtered like any other);
/// DELETE ends the session at the upstream and at the gateway. Both go through the same front door and session check.
/// </summary>
public static class McpSessionHandlers
{
    public static async Task GetAsync(HttpContext context, string name)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await GatewayFrontDoor.AdmitAsync(context, name) is not { } caller || !await GatewayFrontDoor.TryAcquireAsync(context, caller))
        {
            return;
        }

        var (found, session) = await SessionLookup.FindAsync(context, caller);
        if (found)
        {
            // Resuming a POST's stream replays its events here, the answer to a tools/list included: filter any listing.
            var filter = new ToolsListFilter(context.RequestServices.GetRequiredService<IToolCatalog>(), caller.Upstream, caller.Token, requestIds: null);
            await McpProxy.ForwardAsync(context, caller, HttpMethod.Get, null, session, null, filter);
        }
    }

    public static async Task DeleteAsync(HttpContext context, string name)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await GatewayFrontDoor.AdmitAsync(context, name) is not { } caller || !await GatewayFrontDoor.TryAcquireAsync(context, caller))
        {
            return;
        }

        if (!context.Request.Headers.ContainsKey(McpHeaders.SessionId))
        {
            await JsonRpcErrors.WriteAsync(context, StatusCodes.Status400BadRequest, GatewayErrorCodes.InvalidRequest, "Bad request: Mcp-Session-Id is required.");
            return;
        }

        var (found, session) = await SessionLookup.FindAsync(context, caller);
        if (found)
        {
            await McpProxy.ForwardAsync(context, caller, HttpMethod.Delete, null, session, null, null);
        }
    }
}
