using System.Text;
using Mandate.Core.Approvals;
using Mandate.Core.Configuration;
using Mandate.Core.Gateway.Authorization;
using Mandate.Core.Gateway.Sessions;
using Mandate.Core.Ledger.Redaction;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Gateway.Mcp;

/// <summary>
/// A tools/call that needs a person's approval: create a tool_call approval request for the token's person (the exact
/// tool, a redacted preview of the arguments, their digest, the agent chain), record the call as held, wait for the
/// decision (woken in-process, re-reading the store every second for the CLI and other instances), streaming
/// progress when the client sent a progressToken, then forward the call once the approval is consumed (single use,
/// this request's own), or answer a tool error on denial or timeout. Nothing reaches the upstream before approval.
/// </summary>
public static class HeldCall
{
    private const int PreviewLength = 2000;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);

    /// <summary>Only a single request is held: a batch holding such a call is refused (its other calls cannot wait with it).</summary>
    public static bool CanHold(JsonRpcParseResult request, GatewayDecision decision)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(decision);
        return decision.Outcome == GatewayOutcome.RequiresApproval && !request.IsBatch && request.Messages.Count == 1
            && request.Messages[0].IsRequest && decision.Calls[0].Call.Tool is not null;
    }

    public static async Task HandleAsync(HttpContext context, GatewayCaller caller, JsonRpcParseResult request, ReadOnlyMemory<byte> body, GatewaySession? session, GatewayDecision decision, IReadOnlyList<string> flowKeys)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(decision);
        var services = context.RequestServices;
        var approvals = services.GetRequiredService<ApprovalService>();
        var audit = services.GetRequiredService<GatewayAudit>();
        var time = services.GetRequiredService<TimeProvider>();
        var logger = services.GetRequiredService<ILogger<GatewayAudit>>();
        var timeout = services.GetRequiredService<IOptions<MandateOptions>>().Value.Gateway.ApprovalTimeout;
        var message = request.Messages[0];
        var call = decision.Calls[0];
        var tool = call.Call.Tool!;
        var answer = new HeldCallResponse(context);

        var approval = NewRequest(caller, message, tool, time.GetUtcNow(), timeout) with { Reason = call.Reason };
        if (!await AskAsync(context, caller, request, approvals, audit, logger, approval))
        {
            return;
        }

        if (message.ProgressTokenJson is not null && AcceptsEventStream(context.Request))
        {
            await answer.StartStreamAsync();
        }

        (ApprovalRequest? Decided, bool Use) outcome;
        try
        {
            outcome = await AwaitDecisionAsync(context, approvals, approval, answer, message, caller, timeout, time);
        }
#pragma warning disable CA1031 // The store is pluggable; whatever it throws while the call waits, the call is not made.
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
#pragma warning restore CA1031
        {
            McpGatewayLog.ApprovalStoreFailed(logger, ex, caller.Upstream.Name);
            await audit.RecordAsync(context, caller, request.Messages, GatewayAudit.Deny, $"approval {approval.Id}: the approval store failed while the call was held");
            await HeldCallForwarder.ErrorAsync(context, answer, message, StatusCodes.Status503ServiceUnavailable, GatewayErrorCodes.AuditUnavailable, "Service unavailable: the approval of this call could not be read, so it was not made.");
            return;
        }

        if (outcome.Decided is not { } decided)
        {
            // The client went away: close the question so the person is not asked about a call nobody waits for.
            await approvals.DecideAsync(approval.Id, "gateway: the caller went away", approve: false, subject: null, CancellationToken.None);
            await audit.RecordAsync(context, caller, request.Messages, GatewayAudit.Deny, $"approval {approval.Id}: the caller went away while held");
            McpGatewayLog.HeldOutcome(logger, tool, caller.Upstream.Name, "caller went away", approval.Id);
            return;
        }

        if (outcome.Use)
        {
            McpGatewayLog.HeldOutcome(logger, tool, caller.Upstream.Name, "approved", approval.Id);
            await HeldCallForwarder.ForwardAsync(context, caller, request, body, session, decision, flowKeys, answer, approval.Id);
            return;
        }

        var denied = decided.Status == ApprovalStatus.Denied;
        var result = denied ? "denied" : "timed out";
        McpGatewayLog.HeldOutcome(logger, tool, caller.Upstream.Name, result, approval.Id);
        AuditIdHeader.Set(context.Response, await audit.RecordAsync(context, caller, request.Messages, GatewayAudit.Deny, $"approval {approval.Id} {result}"));
        var text = denied
            ? $"The person denied this call of tool '{tool}'; it was not made. Do not retry it without asking them."
            : $"Nobody approved this call of tool '{tool}' within {timeout.TotalSeconds:0} seconds; it was not made.";
        await answer.WriteMessageAsync(HeldCallMessages.ToolError(message.IdJson!, text, approval.Id, denied ? "denied" : "expired", approval.ExpiresAt));
    }

    /// <summary>
    /// Stores the approval request and records the call as held (naming the event in Mandate-Audit-Id); false when
    /// either failed: a 503 was written, and a request that was stored is closed, so nobody is asked about a call that
    /// can never be made.
    /// </summary>
    private static async Task<bool> AskAsync(HttpContext context, GatewayCaller caller, JsonRpcParseResult request, ApprovalService approvals, GatewayAudit audit, ILogger logger, ApprovalRequest approval)
    {
        var message = request.Messages[0];
        var reason = approval.Reason ?? string.Empty;
        try
        {
            await approvals.CreateAsync(approval, CancellationToken.None);
        }
#pragma warning disable CA1031 // The store is pluggable; whatever it throws, the call is not made.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            McpGatewayLog.ApprovalStoreFailed(logger, ex, caller.Upstream.Name);

            // Stored but not recorded (the ledger failed): close it, so the person is not asked about a refused call.
            await CloseQuietlyAsync(approvals, approval.Id, "gateway: the approval request could not be recorded");
            await audit.RecordAsync(context, caller, request.Messages, GatewayAudit.Deny, reason + ": the approval request could not be stored");
            await JsonRpcErrors.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, GatewayErrorCodes.AuditUnavailable, "Service unavailable: the approval this call needs could not be asked for, so it was not made.", message.IdJson);
            return false;
        }

        McpGatewayLog.Held(logger, approval.Tool!, caller.Upstream.Name, caller.ClientId, approval.Id, reason);
        var heldIds = await audit.RecordAsync(context, caller, request.Messages, GatewayAudit.Held, $"{reason}: held for approval {approval.Id}");
        if (heldIds is null)
        {
            await CloseQuietlyAsync(approvals, approval.Id, "gateway: the call could not be recorded");
            await JsonRpcErrors.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, GatewayErrorCodes.AuditUnavailable, "Service unavailable: the call could not be recorded, so it was not made.", message.IdJson);
            return false;
        }

        AuditIdHeader.Set(context.Response, heldIds);
        return true;
    }

    /// <summary>
    /// Waits for the decision; Use when it is an approval bound to this call and consumed now (single use). A request
    /// still pending at the deadline, or approved too late to be used, expires now, with its ledger event. Decided is
    /// null when the client went away.
    /// </summary>
    private static async Task<(ApprovalRequest? Decided, bool Use)> AwaitDecisionAsync(HttpContext context, ApprovalService approvals, ApprovalRequest approval, HeldCallResponse answer, JsonRpcMessage message, GatewayCaller caller, TimeSpan timeout, TimeProvider time)
    {
        var decided = await WaitAsync(context, approvals, approval, answer, message.ProgressTokenJson, timeout, time);
        if (decided is null)
        {
            return (null, false);
        }

        if (decided.Status == ApprovalStatus.Approved && IsBoundTo(decided, caller, message) && await approvals.ConsumeAsync(decided.Id, CancellationToken.None))
        {
            return (decided, true);
        }

        if (decided.Status != ApprovalStatus.Denied)
        {
            await approvals.ExpireDueAsync(CancellationToken.None);
        }

        return (decided, false);
    }

    /// <summary>Denies a request nobody should be asked about; a store that fails here already failed the call.</summary>
    private static async Task CloseQuietlyAsync(ApprovalService approvals, string id, string by)
    {
        try
        {
            await approvals.DecideAsync(id, by, approve: false, subject: null, CancellationToken.None);
        }
#pragma warning disable CA1031 // Best effort: the request expires on its own at its deadline.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>The request as it is once decided or past its deadline; null when the client went away.</summary>
    private static async Task<ApprovalRequest?> WaitAsync(HttpContext context, ApprovalService approvals, ApprovalRequest approval, HeldCallResponse answer, string? progressToken, TimeSpan timeout, TimeProvider time)
    {
        var progress = 0L;
        var total = (long)Math.Ceiling(timeout.TotalSeconds);
        try
        {
            if (answer.Streaming)
            {
                await answer.WriteMessageAsync(HeldCallMessages.Progress(progressToken!, progress, total, approval.Id, approval.ExpiresAt));
            }

            while (true)
            {
                var remaining = approval.ExpiresAt - time.GetUtcNow();
                var slice = answer.Streaming && remaining > ProgressInterval ? ProgressInterval : remaining;
                var current = slice > TimeSpan.Zero
                    ? await approvals.WaitForDecisionAsync(approval.Id, slice, PollInterval, context.RequestAborted)
                    : await approvals.FindAsync(approval.Id, context.RequestAborted);
                var now = time.GetUtcNow();
                if (current is null || !current.IsPendingAt(now) || now >= approval.ExpiresAt)
                {
                    return current ?? approval with { Status = ApprovalStatus.Expired };
                }

                if (answer.Streaming)
                {
                    // Progress must increase with each notification: seconds waited, at least one more than before.
                    progress = Math.Max(progress + 1, (long)(now - approval.CreatedAt).TotalSeconds);
                    await answer.WriteMessageAsync(HeldCallMessages.Progress(progressToken!, progress, total, approval.Id, approval.ExpiresAt));
                }
            }
        }
        catch (Exception ex) when ((ex is OperationCanceledException or IOException) && context.RequestAborted.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>The decided request is this call's: same person, client, upstream, tool and arguments (defence in depth; the id is this request's own).</summary>
    private static bool IsBoundTo(ApprovalRequest decided, GatewayCaller caller, JsonRpcMessage message) =>
        decided.Kind == ApprovalKind.ToolCall
        && decided.Subject == caller.Subject
        && decided.ClientId == caller.ClientId
        && decided.Upstream == caller.Upstream.Name
        && decided.Tool == message.Tool
        && decided.ArgumentsDigest == message.ArgumentsDigest;

    private static ApprovalRequest NewRequest(GatewayCaller caller, JsonRpcMessage message, string tool, DateTimeOffset now, TimeSpan timeout) => new()
    {
        Id = ApprovalIds.Create(),
        Kind = ApprovalKind.ToolCall,
        Subject = caller.Subject,
        ClientId = caller.ClientId,
        ActChain = caller.Token.ActorChain,
        Upstream = caller.Upstream.Name,
        Tool = tool,
        ArgumentsDigest = message.ArgumentsDigest,
        ArgumentsPreview = Preview(message.Arguments),
        CreatedAt = now,
        ExpiresAt = now + timeout,
    };

    /// <summary>The arguments for the person to read: credentials redacted, cut to a readable length.</summary>
    private static string? Preview(ReadOnlyMemory<byte>? arguments)
    {
        if (arguments is not { } bytes)
        {
            return null;
        }

        var text = AuditRedactor.Redact(Encoding.UTF8.GetString(bytes.Span));
        return text.Length <= PreviewLength ? text : text[..PreviewLength] + "…";
    }

    private static bool AcceptsEventStream(HttpRequest request) =>
        request.Headers.Accept.Any(a => a is not null && a.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase));
}
