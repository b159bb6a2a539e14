using Mandate.Core.Configuration;
using Mandate.Core.Gateway;
using Mandate.Core.Gateway.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Gateway.Mcp;

/// <summary>
/// POST {issuer}/mcp/{name}: admit the caller, read the JSON-RPC body, check the 2026-07-28 headers and the session,
/// decide (Core), then refuse (403 step-up, or a JSON-RPC error for a denied tool) or record and forward; one audit
/// event per message either way (and an outcome event per forwarded message), named in Mandate-Audit-Id.
/// </summary>
public static class McpPostHandler
{
    public static async Task HandleAsync(HttpContext context, string name)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caller = await GatewayFrontDoor.AdmitAsync(context, name);
        if (caller is null)
        {
            return;
        }

        var services = context.RequestServices;
        var options = services.GetRequiredService<IOptions<MandateOptions>>().Value.Gateway;
        var audit = services.GetRequiredService<GatewayAudit>();
        var onResponse = AuditOnResponse.Attach(context);

        // Refused before the body is read, so the event cannot name the method.
        onResponse.Arm(() => audit.RecordAsync(context, caller, [new JsonRpcMessage()], GatewayAudit.Deny, "rate limited"));
        if (!await GatewayFrontDoor.TryAcquireAsync(context, caller))
        {
            return;
        }

        onResponse.Disarm();
        var body = await RequestBodyReader.ReadAsync(context.Request, options.MaxRequestBytes);
        if (body is null)
        {
            await JsonRpcErrors.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, GatewayErrorCodes.RequestTooLarge, "Request too large.");
            return;
        }

        var request = JsonRpcParser.Parse(body.Value);
        if (request.ErrorCode is { } code)
        {
            await JsonRpcErrors.WriteAsync(context, StatusCodes.Status400BadRequest, code, request.Error!);
            return;
        }

        if (McpHeaderCheck.FindMismatch(context.Request, request.Messages) is { } mismatch)
        {
            AuditIdHeader.Set(context.Response, await audit.RecordAsync(context, caller, request.Messages, GatewayAudit.Deny, "header mismatch"));
            await JsonRpcErrors.WriteForAsync(context, StatusCodes.Status400BadRequest, request.Messages, request.IsBatch, GatewayErrorCodes.HeaderMismatch, mismatch);
            return;
        }

        onResponse.Arm(() => audit.RecordAsync(context, caller, request.Messages, GatewayAudit.Deny, "unknown session"));
        var (found, session) = await SessionLookup.FindAsync(context, caller);
        if (!found)
        {
            return;
        }

        onResponse.Disarm();
        var calls = request.Messages.Select(m => m.ToCall()).ToList();
        var decision = await services.GetRequiredService<GatewayAuthorizer>().AuthorizeAsync(caller.Upstream.Upstream, calls, caller.Token.Scopes, context.RequestAborted);
        if (decision.Outcome != GatewayOutcome.Allow)
        {
            await RefuseAsync(context, caller, request, decision, audit);
            return;
        }

        // The call is forwarded only once its event is committed: no allowed call goes unrecorded, even on a crash.
        var callIds = await audit.RecordAsync(context, caller, request.Messages, i => (GatewayAudit.Allow, Describe(decision.Calls[i])), null);
        if (callIds is null)
        {
            await JsonRpcErrors.WriteForAsync(context, StatusCodes.Status503ServiceUnavailable, request.Messages, request.IsBatch, GatewayErrorCodes.AuditUnavailable, "Service unavailable: the call could not be recorded, so it was not made.");
            return;
        }

        AuditIdHeader.Set(context.Response, callIds);
        var filter = ToolsListFilterFor(services, caller, request);
        var result = await McpProxy.ForwardAsync(context, caller, HttpMethod.Post, body, session, request, filter);
        if (!context.RequestAborted.IsCancellationRequested)
        {
            // The client has all of its answer before the outcome is written, which then adds nothing to its latency.
            await context.Response.CompleteAsync();
        }

        await audit.RecordOutcomesAsync(context, caller, request.Messages, callIds, result);
    }

    private static async Task RefuseAsync(HttpContext context, GatewayCaller caller, JsonRpcParseResult request, GatewayDecision decision, GatewayAudit audit)
    {
        var logger = context.RequestServices.GetRequiredService<ILogger<GatewayAudit>>();
        if (decision.Outcome == GatewayOutcome.StepUp)
        {
            var reason = "insufficient_scope: needs " + decision.RequiredScope;
            McpGatewayLog.Refused(logger, request.Messages[0].Method, caller.ClientId, caller.Upstream.Name, reason);
            AuditIdHeader.Set(context.Response, await audit.RecordAsync(context, caller, request.Messages, GatewayAudit.Deny, reason));
            await GatewayChallenge.WriteInsufficientScopeAsync(context, caller.Upstream, decision.RequiredScope, caller.Scheme);
            return;
        }

        // A denied tool: no token would help, so no step-up; the client gets a JSON-RPC error for each request.
        McpGatewayLog.Refused(logger, request.Messages[0].Method, caller.ClientId, caller.Upstream.Name, "tool denied by policy");
        var ids = await audit.RecordAsync(context, caller, request.Messages, i => (GatewayAudit.Deny, decision.Calls[i].Outcome == GatewayOutcome.Deny ? "tool denied by policy" : "batch holds a denied tool"), null);
        AuditIdHeader.Set(context.Response, ids);
        var errors = request.Messages.Select((m, i) => (Message: m, Call: decision.Calls[i]))
            .Where(x => x.Message.IsRequest)
            .Select(x => (x.Message.IdJson, GatewayErrorCodes.ToolDenied, x.Call.Outcome == GatewayOutcome.Deny
                ? $"Tool '{x.Call.Call.Tool}' is denied by the gateway's policy."
                : "Refused: the batch holds a call to a tool denied by the gateway's policy."))
            .ToList();
        if (errors.Count == 0)
        {
            // Only notifications: JSON-RPC answers them with nothing.
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            return;
        }

        await JsonRpcErrors.WriteAsync(context, StatusCodes.Status200OK, errors, request.IsBatch);
    }

    private static ToolsListFilter? ToolsListFilterFor(IServiceProvider services, GatewayCaller caller, JsonRpcParseResult request)
    {
        var ids = request.Messages.Where(m => m.ToCall().IsToolList && m.IdKey is not null)
            .GroupBy(m => m.IdKey!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().IdJson!, StringComparer.Ordinal);
        return ids.Count == 0 ? null : new ToolsListFilter(services.GetRequiredService<IToolCatalog>(), caller.Upstream, caller.Token.Scopes, ids);
    }

    private static string Describe(CallDecision call) => call.Level.ToString().ToLowerInvariant() + " (" + call.Reason + ")";
}
