using System.Diagnostics;
using Mandate.Core.Audit;
using Mandate.Core.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Gateway.Mcp;

/// <summary>
/// One "gateway.call" audit event per JSON-RPC request or notification: who (subject, client, token jti), what
/// (upstream, method, tool, arguments digest), the decision and why. An allowed call is recorded before it is
/// forwarded; how it went (the upstream's status, the latency) is a second, linked "gateway.outcome" event. A request
/// refused before its body was read (rate limits) is one event without a method. Each method returns the audit ids
/// (the ledger indexes) the response names in Mandate-Audit-Id, or null when the ledger could not record.
/// </summary>
public sealed class GatewayAudit(IAuditSink sink, TimeProvider time, IOptions<MandateOptions> options, ILogger<GatewayAudit> logger)
{
    public const string Kind = "gateway.call";
    public const string OutcomeKind = "gateway.outcome";
    public const string RefusalKind = "gateway.refused";
    public const string Allow = "allow";
    public const string Deny = "deny";

    /// <summary>A call held for a person's approval; a second event (allow or deny) says how it ended.</summary>
    public const string Held = "held";
    public const string Error = "error";

    /// <summary>Per source address and minute: past this, refusals are counted in the log, not each audited.</summary>
    private const int RefusalsAuditedPerMinute = 60;

    private readonly AuditThrottle throttle = new(RefusalsAuditedPerMinute, time);

    /// <param name="outcome">The decision and reason of the message at each index.</param>
    /// <returns>The audit ids of the messages that were recorded, in order; null when the ledger failed.</returns>
    public Task<IReadOnlyList<long>?> RecordAsync(HttpContext context, GatewayCaller caller, IReadOnlyList<JsonRpcMessage> messages, Func<int, (string Decision, string Reason)> outcome, int? upstreamStatus)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(outcome);
        return AppendAsync(Audited(messages).Select(i => Event(context, caller, messages[i], Kind, outcome(i), upstreamStatus, null)).ToList(), caller.Upstream.Name);
    }

    /// <summary>The same decision and reason for every message.</summary>
    public Task<IReadOnlyList<long>?> RecordAsync(HttpContext context, GatewayCaller caller, IReadOnlyList<JsonRpcMessage> messages, string decision, string reason) =>
        RecordAsync(context, caller, messages, _ => (decision, reason), null);

    /// <summary>How each forwarded call went, one "gateway.outcome" event per call event, naming it (relates_to).</summary>
    /// <param name="callIds">The audit ids <see cref="RecordAsync(HttpContext, GatewayCaller, IReadOnlyList{JsonRpcMessage}, Func{int, ValueTuple{string, string}}, int?)"/> returned for these messages.</param>
    public Task<IReadOnlyList<long>?> RecordOutcomesAsync(HttpContext context, GatewayCaller caller, IReadOnlyList<JsonRpcMessage> messages, IReadOnlyList<long> callIds, ProxyResult result)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(callIds);
        ArgumentNullException.ThrowIfNull(result);
        if (options.Value.Ledger.RecordOutcomes == OutcomeRecording.Failures && !result.Failed && result.UpstreamStatus is >= 200 and < 300)
        {
            // Ledger:RecordOutcomes=Failures: a call that went well is proved by its gateway.call entry alone.
            return Task.FromResult<IReadOnlyList<long>?>([]);
        }

        var outcome = result.Failed ? (Error, result.Error!) : (Allow, "forwarded");
        var events = Audited(messages).Select((m, j) => Event(context, caller, messages[m], OutcomeKind, outcome, result.UpstreamStatus, callIds[j])).ToList();
        return AppendAsync(events, caller.Upstream.Name);
    }

    /// <summary>
    /// A request refused at the front door before anyone was identified (a bad Origin, a token that did not verify):
    /// one "gateway.refused" event with the address, so probing shows in the audit trail. Throttled per address so a
    /// flood of garbage cannot turn into a flood of writes.
    /// </summary>
    /// <returns>The event's audit id (for Mandate-Audit-Id), or null when throttled or not recorded.</returns>
    public async Task<IReadOnlyList<long>?> RecordRefusalAsync(HttpContext context, string upstream, string reason)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(upstream);
        var address = context.Connection.RemoteIpAddress?.ToString();
        if (!throttle.TryAcquire(address ?? "unknown"))
        {
            McpGatewayLog.RefusalAuditSuppressed(logger, upstream, reason);
            return null;
        }

        return await AppendAsync(
            [new AuditEvent
            {
                Timestamp = time.GetUtcNow(),
                Kind = RefusalKind,
                Decision = Deny,
                Reason = reason,
                Upstream = upstream.Length > 64 ? upstream[..64] : upstream,
                SourceAddress = address,
                CorrelationId = CorrelationId(context),
            }],
            upstream);
    }

    /// <summary>The W3C trace id when the request is traced, else the server's request id (as in the log's RequestId).</summary>
    public static string CorrelationId(HttpContext context) => Http.HttpAuditOrigin.Of(context);

    /// <summary>A client's answer to a server request (sampling, elicitation) is part of a call already recorded.</summary>
    private static IEnumerable<int> Audited(IReadOnlyList<JsonRpcMessage> messages) =>
        Enumerable.Range(0, messages.Count).Where(i => messages[i].Method is not null || messages[i].IdJson is null);

    private AuditEvent Event(HttpContext context, GatewayCaller caller, JsonRpcMessage message, string kind, (string Decision, string Reason) outcome, int? upstreamStatus, long? relatesTo) => new()
    {
        Timestamp = time.GetUtcNow(),
        Kind = kind,
        Decision = outcome.Decision,
        Reason = outcome.Reason,
        Subject = caller.Subject,
        ClientId = caller.ClientId,
        TokenId = caller.Token.Claims.TokenId,
        ActorChain = caller.Token.ActorChain,
        Upstream = caller.Upstream.Name,
        Method = message.Method,
        Tool = message.Tool,
        ArgumentsDigest = message.ArgumentsDigest,
        Arguments = caller.Upstream.Upstream.RecordArguments && kind == Kind && message.Arguments is { } arguments ? System.Text.Encoding.UTF8.GetString(arguments.Span) : null,
        LatencyMs = Math.Round(time.GetElapsedTime(caller.StartedAt).TotalMilliseconds, 3),
        UpstreamStatus = upstreamStatus,
        SourceAddress = caller.SourceAddress,
        CorrelationId = CorrelationId(context),
        RelatesTo = relatesTo,
    };

    private async Task<IReadOnlyList<long>?> AppendAsync(List<AuditEvent> events, string upstream)
    {
        if (events.Count == 0)
        {
            return [];
        }

        try
        {
            // Not the request's token: a client that goes away must not take its audit event with it.
            var first = await sink.RecordAllAsync(events, CancellationToken.None);
            return first == DiscardingAuditSink.NotRecorded
                ? Enumerable.Repeat(first, events.Count).ToList()
                : Enumerable.Range(0, events.Count).Select(i => first + i).ToList();
        }
#pragma warning disable CA1031 // The sink is pluggable; whatever it throws, the caller decides (an allowed call is then not forwarded).
        catch (Exception ex)
#pragma warning restore CA1031
        {
            McpGatewayLog.AuditFailed(logger, ex, upstream);
            return null;
        }
    }
}
