using Mandate.Core.Gateway.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.Gateway.Mcp;

/// <summary>
/// The gateway session named by the client's Mcp-Session-Id. Unknown, expired, another caller's or another upstream's:
/// 404 (never 401; the token is fine, the session is not), and the client starts a new session.
/// </summary>
public static class SessionLookup
{
    /// <returns>Found: false when a 404 was written. Session: null when the request named none.</returns>
    public static async Task<(bool Found, GatewaySession? Session)> FindAsync(HttpContext context, GatewayCaller caller)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(caller);
        if (!context.Request.Headers.TryGetValue(McpHeaders.SessionId, out var values))
        {
            return (true, null);
        }

        var store = context.RequestServices.GetRequiredService<IGatewaySessionStore>();
        var session = values.Count == 1 && values.ToString() is { Length: > 0 and <= 256 } id
            ? await store.FindAsync(id, context.RequestAborted)
            : null;
        if (session is not null && session.BelongsTo(caller.Upstream.Name, caller.Subject, caller.ClientId))
        {
            return (true, session);
        }

        await JsonRpcErrors.WriteAsync(context, StatusCodes.Status404NotFound, GatewayErrorCodes.SessionNotFound, "Session not found.");
        return (false, null);
    }

    /// <summary>
    /// The session id to give the client for an upstream response: the gateway's own id for the upstream's session,
    /// a new mapping when the upstream started (or replaced) one, none when the upstream is stateless.
    /// </summary>
    public static async Task<string?> MapAsync(HttpContext context, GatewayCaller caller, GatewaySession? current, HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(response);
        var store = context.RequestServices.GetRequiredService<IGatewaySessionStore>();
        if (current is not null && response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // The upstream forgot the session: so does the gateway, and the client gets the 404 that says start again.
            await store.RemoveAsync(current.Id, context.RequestAborted);
            return null;
        }

        if (!response.Headers.TryGetValues(McpHeaders.SessionId, out var values) || values.FirstOrDefault() is not { Length: > 0 } upstreamId)
        {
            return current?.Id;
        }

        if (current is not null && string.Equals(current.UpstreamSessionId, upstreamId, StringComparison.Ordinal))
        {
            return current.Id;
        }

        var created = await store.CreateAsync(caller.Upstream.Name, upstreamId, caller.Subject, caller.ClientId, context.RequestAborted);
        return created.Id;
    }
}
