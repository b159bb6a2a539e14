using Mandate.Core.Audit;
using Microsoft.Extensions.Logging;

namespace Mandate.Server.Gateway.Mcp;

/// <summary>
/// One "gateway.call" audit event per JSON-RPC request or notification: who (subject, client, token jti), what
/// (upstream, method, tool, arguments digest), the decision and why, the latency and the upstream's status. A request
/// refused before its body was read (rate limits) is one event without a method.
/// </summary>
public sealed class GatewayAudit(IAuditSink sink, TimeProvider time, ILogger<GatewayAudit> logger)
{
    public const string Kind = "gateway.call";
    public const string RefusalKind = "gateway.refused";

    /// <summary>Per source address and minute: past this, refusals are counted in the log, not each audited.</summary>
    private const int RefusalsAuditedPerMinute = 60;

    private readonly RefusalAuditThrottle throttle = new(RefusalsAuditedPerMinute, time);
    public const string Allow = "allow";
    public const string Deny = "deny";
    public const string Error = "error";

    /// <param name="outcome">The decision and reason of the message at each index.</param>
    public async Task RecordAsync(GatewayCaller caller, IReadOnlyList<JsonRpcMessage> messages, Func<int, (string Decision, string Reason)> outcome, int? upstreamStatus)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(outcome);
        var now = time.GetUtcNow();
        var latency = time.GetElapsedTime(caller.StartedAt).TotalMilliseconds;
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            if (message.Method is null && message.IdJson is not null)
            {
                // A client's answer to a server request (sampling, elicitation): part of a call already recorded.
                continue;
            }

            var (decision, reason) = outcome(i);
            var auditEvent = new AuditEvent
            {
                Timestamp = now,
                Kind = Kind,
                Decision = decision,
                Reason = reason,
                Subject = caller.Subject,
                ClientId = caller.ClientId,
                TokenId = caller.Token.Claims.TokenId,
                ActorChain = caller.Token.ActorChain,
                Upstream = caller.Upstream.Name,
                Method = message.Method,
                Tool = message.Tool,
                ArgumentsDigest = message.ArgumentsDigest,
                LatencyMs = Math.Round(latency, 3),
                UpstreamStatus = upstreamStatus,
                SourceAddress = caller.SourceAddress,
            };
            try
            {
                // Not the request's token: a client that goes away must not take its audit event with it.
                await sink.RecordAsync(auditEvent, CancellationToken.None);
            }
#pragma warning disable CA1031 // The sink is pluggable (the ledger later); whatever it throws, the call has happened and is logged.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                McpGatewayLog.AuditFailed(logger, ex, caller.Upstream.Name);
            }
        }
    }

    /// <summary>The same decision and reason for every message.</summary>
    public Task RecordAsync(GatewayCaller caller, IReadOnlyList<JsonRpcMessage> messages, string decision, string reason, int? upstreamStatus = null) =>
        RecordAsync(caller, messages, _ => (decision, reason), upstreamStatus);

    /// <summary>
    /// A request refused at the front door before anyone was identified (a bad Origin, a token that did not verify):
    /// one "gateway.refused" event with the address, so probing shows in the audit trail. Throttled per address so a
    /// flood of garbage cannot turn into a flood of writes.
    /// </summary>
    public async Task RecordRefusalAsync(Microsoft.AspNetCore.Http.HttpContext context, string upstream, string reason)
    {
        ArgumentNullException.ThrowIfNull(context);
        var address = context.Connection.RemoteIpAddress?.ToString();
        if (!throttle.TryAcquire(address ?? "unknown"))
        {
            McpGatewayLog.RefusalAuditSuppressed(logger, upstream, reason);
            return;
        }

        try
        {
            await sink.RecordAsync(new AuditEvent
            {
                Timestamp = time.GetUtcNow(),
                Kind = RefusalKind,
                Decision = Deny,
                Reason = reason,
                Upstream = upstream.Length > 64 ? upstream[..64] : upstream,
                SourceAddress = address,
            }, CancellationToken.None);
        }
#pragma warning disable CA1031 // As above: the sink is pluggable and a failure to record must not fail the refusal.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            McpGatewayLog.AuditFailed(logger, ex, upstream);
        }
    }
}
