using Mandate.Core.Gateway;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.Gateway.Mcp;

/// <summary>
/// GET {issuer}/mcp/{name} opens the upstream's server-to-client SSE stream (Last-Event-ID passed on for resumption,
/// tool listings in it filtered like any other);
/// DELETE ends the session at the upstream and at the gateway. Both go through the same front door and session check,
/// and each is a gateway.call event (no method: it is HTTP, not JSON-RPC) recorded before anything is forwarded, named
/// in Mandate-Audit-Id; a request the ledger cannot record is answered 503 and not forwarded.
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
        if (found && await RecordAsync(context, caller, "GET: server-to-client stream"))
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
        if (found && await RecordAsync(context, caller, "DELETE: end of session"))
        {
            await McpProxy.ForwardAsync(context, caller, HttpMethod.Delete, null, session, null, null);
        }
    }

    /// <summary>Records the request as allowed and names it in Mandate-Audit-Id; false (503 written) when the ledger could not.</summary>
    private static async Task<bool> RecordAsync(HttpContext context, GatewayCaller caller, string reason)
    {
        var ids = await context.RequestServices.GetRequiredService<GatewayAudit>().RecordAsync(context, caller, [new JsonRpcMessage()], GatewayAudit.Allow, reason);
        if (ids is null)
        {
            await JsonRpcErrors.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, GatewayErrorCodes.AuditUnavailable, "Service unavailable: the request could not be recorded, so it was not made.");
            return false;
        }

        AuditIdHeader.Set(context.Response, ids);
        return true;
    }
}
