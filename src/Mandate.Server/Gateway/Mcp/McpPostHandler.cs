using Mandate.Core.Configuration;
using Mandate.Core.Gateway;
using Mandate.Core.Gateway.Authorization;
using Mandate.Core.Gateway.DataFlow;
using Mandate.Core.Mandates.Enforcement;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Gateway.Mcp;

/// <summary>
/// POST {issuer}/mcp/{name}: admit the caller, read the JSON-RPC body, check the 2026-07-28 headers and the session,
/// decide (Core: scopes, tool levels, the token's mandate, the data-flow rule, approvals), count the mandate's calls,
/// then refuse (403 step-up, or a JSON-RPC error saying which limit), hold for a person's approval (<see cref="HeldCall"/>),
/// or record and forward; one audit event per message either way
/// (and an outcome event per forwarded message), named in Mandate-Audit-Id.
/// </summary>
public static class McpPostHandler
{
    /// <summary>Data-flow marks are kept at least this long (and as long as the token and its mandate).</summary>
    private static readonly TimeSpan MarkRetention = TimeSpan.FromDays(1);

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
            AuditIdHeader.Set(context.Response, await audit.RecordAsync(context, caller, [new JsonRpcMessage()], GatewayAudit.Deny, "request too large"));
            await JsonRpcErrors.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, GatewayErrorCodes.RequestTooLarge, "Request too large.");
            return;
        }

        var request = JsonRpcParser.Parse(body.Value);
        if (request.ErrorCode is { } code)
        {
            AuditIdHeader.Set(context.Response, await audit.RecordAsync(context, caller, [new JsonRpcMessage()], GatewayAudit.Deny, "malformed JSON-RPC"));
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
        var flowKeys = DataFlowKeys.For(caller.Token.Claims, session?.Id);
        var gatewayRequest = new GatewayRequest(caller.Upstream.Upstream, caller.Upstream.ResourceUri, caller.Token.Claims, caller.Token.Scopes, flowKeys);
        var decision = await services.GetRequiredService<GatewayAuthorizer>().AuthorizeAsync(gatewayRequest, calls, context.RequestAborted);
        if (HeldCall.CanHold(request, decision))
        {
            await HeldCall.HandleAsync(context, caller, request, body.Value, session, decision, flowKeys);
            return;
        }

        if (decision.Outcome != GatewayOutcome.Allow)
        {
            await RefuseAsync(context, caller, request, decision, audit);
            return;
        }

        // Mandate counters are counted now, at forward time, all or none: a refused call never takes a count.
        var counter = services.GetRequiredService<IMandateCallCounter>();
        var charges = decision.Charges;
        var (stored, full) = await TryCountAsync(context, caller, request, counter, charges);
        if (!stored)
        {
            return;
        }

        if (full is not null)
        {
            await RefuseAsync(context, caller, request, CallLimitReached(decision, full), audit);
            return;
        }

        // A private read is marked before its event (a mark for a call that is then not made only errs on the safe
        // side), and the call is forwarded only once its event is committed: no allowed call goes unrecorded.
        var marked = await MarkPrivateReadsAsync(services, caller, decision, flowKeys);
        var callIds = marked ? await audit.RecordAsync(context, caller, request.Messages, i => (GatewayAudit.Allow, Describe(decision.Calls[i])), null) : null;
        if (callIds is null)
        {
            await GiveBackAsync(services, caller, counter, charges);
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

    /// <returns>Stored: false when the store failed (a 503 was written). Full: the charge at its limit (nothing counted), or null when all were counted.</returns>
    private static async Task<(bool Stored, CallCharge? Full)> TryCountAsync(HttpContext context, GatewayCaller caller, JsonRpcParseResult request, IMandateCallCounter counter, IReadOnlyList<CallCharge> charges)
    {
        if (charges.Count == 0)
        {
            return (true, null);
        }

        try
        {
            // Not the request's token: once counted, the count must be kept or given back, not lost to a client going away.
            return (true, await counter.TryCountAsync(charges, CancellationToken.None));
        }
#pragma warning disable CA1031 // The store is pluggable; whatever it throws, the call is not made.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            McpGatewayLog.MandateStateFailed(context.RequestServices.GetRequiredService<ILogger<GatewayAudit>>(), ex, caller.Upstream.Name);
            await JsonRpcErrors.WriteForAsync(context, StatusCodes.Status503ServiceUnavailable, request.Messages, request.IsBatch, GatewayErrorCodes.AuditUnavailable, "Service unavailable: the call could not be counted against its mandate, so it was not made.");
            return (false, null);
        }
    }

    /// <summary>
    /// Gives back the counts of a call that was then not made. Should the store fail here too, the counts stay taken
    /// (the safe side: a limit reached one call early) and the caller still gets its 503, not a 500.
    /// </summary>
    internal static async Task GiveBackAsync(IServiceProvider services, GatewayCaller caller, IMandateCallCounter counter, IReadOnlyList<CallCharge> charges)
    {
        try
        {
            await counter.UncountAsync(charges, CancellationToken.None);
        }
#pragma warning disable CA1031 // The store is pluggable; whatever it throws, the answer is already decided.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            McpGatewayLog.MandateStateFailed(services.GetRequiredService<ILogger<GatewayAudit>>(), ex, caller.Upstream.Name);
        }
    }

    /// <summary>The decision with every call of the tool whose limit was reached refused, saying the limit.</summary>
    private static GatewayDecision CallLimitReached(GatewayDecision decision, CallCharge full) => decision with
    {
        Outcome = GatewayOutcome.MandateRefused,
        Calls = decision.Calls
            .Select(c => c.Charges.Contains(full) ? c with { Outcome = GatewayOutcome.MandateRefused, Reason = $"call limit {full.MaxCalls} reached" } : c)
            .ToList(),
    };

    /// <summary>Marks the grant and session as having read private data before a private tool runs; false when the store failed (nothing is forwarded).</summary>
    internal static async Task<bool> MarkPrivateReadsAsync(IServiceProvider services, GatewayCaller caller, GatewayDecision decision, IReadOnlyList<string> keys)
    {
        var reads = decision.Calls.Where(c => c.Labels.HasFlag(DataFlowLabels.Private) && c.Call.Tool is not null).ToList();
        if (reads.Count == 0)
        {
            return true;
        }

        var guard = services.GetRequiredService<DataFlowGuard>();
        var claims = caller.Token.Claims;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var expiresAt = new[] { claims.ExpiresAt, claims.Mandate?.ExpiresAt ?? now, now + MarkRetention }.Max();
        try
        {
            foreach (var read in reads)
            {
                await guard.MarkAsync(keys, caller.Upstream.Name, read.Call.Tool!, expiresAt, CancellationToken.None);
            }

            return true;
        }
#pragma warning disable CA1031 // The store is pluggable; whatever it throws, the call is not made.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            McpGatewayLog.MandateStateFailed(services.GetRequiredService<ILogger<GatewayAudit>>(), ex, caller.Upstream.Name);
            return false;
        }
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

        // A refused call (denied tool, mandate, data flow): no token would help, so no step-up; a JSON-RPC error per request.
        var refusals = new GatewayRefusals(decision);
        var firstReason = refusals.AuditReason(decision.Calls.First(c => GatewayDecision.IsRefusal(c.Outcome)));
        McpGatewayLog.Refused(logger, request.Messages[0].Method, caller.ClientId, caller.Upstream.Name, firstReason);
        var ids = await audit.RecordAsync(context, caller, request.Messages, i => (GatewayAudit.Deny, refusals.AuditReason(decision.Calls[i])), null);
        AuditIdHeader.Set(context.Response, ids);
        var errors = request.Messages.Select((m, i) => (Message: m, Call: decision.Calls[i]))
            .Where(x => x.Message.IsRequest)
            .Select(x => (x.Message.IdJson, refusals.Code(x.Call), refusals.Message(x.Call)))
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
        return ids.Count == 0 ? null : new ToolsListFilter(services.GetRequiredService<IToolCatalog>(), caller.Upstream, caller.Token, ids);
    }

    internal static string Describe(CallDecision call) => call.Level.ToString().ToLowerInvariant() + " (" + call.Reason + ")";
}
