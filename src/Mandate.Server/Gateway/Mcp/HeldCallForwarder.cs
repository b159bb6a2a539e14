using Mandate.Core.Configuration;
using Mandate.Core.Gateway.Authorization;
using Mandate.Core.Gateway.Sessions;
using Mandate.Core.Mandates.Enforcement;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Gateway.Mcp;

/// <summary>
/// An approved held call goes the way of any allowed call: counted against its mandate now (a denied or timed-out
/// call never took a count; a limit reached while it waited refuses it), private reads marked, the allow event
/// committed, then forwarded; into the event stream already open when the client asked for progress.
/// </summary>
public static class HeldCallForwarder
{
    public static async Task ForwardAsync(HttpContext context, GatewayCaller caller, JsonRpcParseResult request, ReadOnlyMemory<byte> body, GatewaySession? session, GatewayDecision decision, IReadOnlyList<string> flowKeys, HeldCallResponse answer, string approvalId)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(answer);
        var services = context.RequestServices;
        var audit = services.GetRequiredService<GatewayAudit>();
        var counter = services.GetRequiredService<IMandateCallCounter>();
        var message = request.Messages[0];
        var call = decision.Calls[0];
        var charges = call.Charges;
        CallCharge? full;
        try
        {
            full = charges.Count == 0 ? null : await counter.TryCountAsync(charges, CancellationToken.None);
        }
#pragma warning disable CA1031 // The store is pluggable; whatever it throws, the call is not made.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            McpGatewayLog.MandateStateFailed(services.GetRequiredService<ILogger<GatewayAudit>>(), ex, caller.Upstream.Name);
            await audit.RecordAsync(context, caller, request.Messages, GatewayAudit.Deny, $"approval {approvalId} used, but the mandate's counters could not be written");
            await ErrorAsync(context, answer, message, StatusCodes.Status503ServiceUnavailable, GatewayErrorCodes.AuditUnavailable, "Service unavailable: the call could not be counted against its mandate, so it was not made.");
            return;
        }

        if (full is not null)
        {
            AuditIdHeader.Set(context.Response, await audit.RecordAsync(context, caller, request.Messages, GatewayAudit.Deny, $"mandate: call limit {full.MaxCalls} reached (while held for approval {approvalId})"));
            await ErrorAsync(context, answer, message, StatusCodes.Status200OK, GatewayErrorCodes.MandateRefused, $"Tool '{call.Call.Tool}' refused by the task mandate: call limit {full.MaxCalls} reached.");
            return;
        }

        var marked = await McpPostHandler.MarkPrivateReadsAsync(services, caller, decision, flowKeys);
        var reason = McpPostHandler.Describe(call with { Reason = call.Reason + $", approved: approval {approvalId}" });
        var callIds = marked ? await audit.RecordAsync(context, caller, request.Messages, GatewayAudit.Allow, reason) : null;
        if (callIds is null)
        {
            await McpPostHandler.GiveBackAsync(services, caller, counter, charges);
            await ErrorAsync(context, answer, message, StatusCodes.Status503ServiceUnavailable, GatewayErrorCodes.AuditUnavailable, "Service unavailable: the call could not be recorded, so it was not made.");
            return;
        }

        AuditIdHeader.Set(context.Response, callIds);
        var result = answer.Streaming
            ? await ForwardIntoStreamAsync(context, caller, body, session, answer, message)
            : await McpProxy.ForwardAsync(context, caller, HttpMethod.Post, body, session, request, null);
        if (!context.RequestAborted.IsCancellationRequested)
        {
            await context.Response.CompleteAsync();
        }

        await audit.RecordOutcomesAsync(context, caller, request.Messages, callIds, result);
    }

    private static async Task<ProxyResult> ForwardIntoStreamAsync(HttpContext context, GatewayCaller caller, ReadOnlyMemory<byte> body, GatewaySession? session, HeldCallResponse answer, JsonRpcMessage message)
    {
        var services = context.RequestServices;
        using var exchange = await services.GetRequiredService<UpstreamForwarder>().SendAsync(context, caller.Upstream, HttpMethod.Post, body, session?.UpstreamSessionId);
        if (exchange.Failure == UpstreamFailure.ClientAborted)
        {
            return new ProxyResult(null, "client went away");
        }

        if (exchange.Failure != UpstreamFailure.None || exchange.Response is not { } response)
        {
            McpGatewayLog.UpstreamFailed(services.GetRequiredService<ILogger<UpstreamForwarder>>(), caller.Upstream.Name, exchange.Failure, exchange.Status);
            var code = exchange.Failure == UpstreamFailure.Timeout ? GatewayErrorCodes.UpstreamTimeout : GatewayErrorCodes.UpstreamFailed;
            await answer.WriteMessageAsync(HeldCallMessages.Error(message.IdJson!, code, "Bad gateway: the upstream failed after the call was approved."));
            return new ProxyResult(exchange.Status, McpProxy.FailureReason(exchange.Failure, exchange.Status));
        }

        var status = (int)response.StatusCode;
        try
        {
            await using var content = await response.Content.ReadAsStreamAsync(context.RequestAborted);
            if (ResponseRelay.IsEventStream(response))
            {
                await answer.CopyEventsAsync(content);
                return new ProxyResult(status, null);
            }

            var limit = services.GetRequiredService<IOptions<MandateOptions>>().Value.Gateway.MaxToolsListBytes;
            var json = await ReadCappedAsync(content, limit, context.RequestAborted);
            if (json is null || !IsJson(json.Value))
            {
                await answer.WriteMessageAsync(HeldCallMessages.Error(message.IdJson!, GatewayErrorCodes.UpstreamFailed, "Bad gateway: the upstream's response could not be read."));
                return new ProxyResult(status, "malformed upstream response");
            }

            await answer.WriteJsonAsync(json.Value);
            return new ProxyResult(status, null);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            return new ProxyResult(status, context.RequestAborted.IsCancellationRequested ? "client went away" : "upstream stream broke off");
        }
    }

    private static async Task<ReadOnlyMemory<byte>?> ReadCappedAsync(Stream content, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static bool IsJson(ReadOnlyMemory<byte> json)
    {
        var reader = new System.Text.Json.Utf8JsonReader(json.Span);
        try
        {
            return reader.Read() && reader.TrySkip() && !reader.Read();
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    /// <summary>A JSON-RPC error: into the event stream when one is open, else as the response with this status.</summary>
    internal static Task ErrorAsync(HttpContext context, HeldCallResponse answer, JsonRpcMessage message, int status, int code, string text) =>
        answer.Streaming
            ? answer.WriteMessageAsync(HeldCallMessages.Error(message.IdJson!, code, text))
            : JsonRpcErrors.WriteAsync(context, status, code, text, message.IdJson);
}
