using Microsoft.Extensions.Logging;

namespace Mandate.Server.Gateway.Mcp;

/// <summary>The gateway pipeline's log messages (event IDs 661x). Never a token, never arguments.</summary>
internal static partial class McpGatewayLog
{
    [LoggerMessage(EventId = 6611, Level = LogLevel.Warning, Message = "Upstream {Upstream} failed: {Failure} (HTTP {Status})")]
    public static partial void UpstreamFailed(ILogger logger, string upstream, UpstreamFailure failure, int? status);

    [LoggerMessage(EventId = 6612, Level = LogLevel.Warning, Message = "The response stream of upstream {Upstream} broke off: {Error}")]
    public static partial void StreamBroken(ILogger logger, string upstream, string error);

    [LoggerMessage(EventId = 6613, Level = LogLevel.Error, Message = "An audit event for upstream {Upstream} could not be recorded")]
    public static partial void AuditFailed(ILogger logger, Exception exception, string upstream);

    [LoggerMessage(EventId = 6614, Level = LogLevel.Information, Message = "Gateway refused {Method} for client {ClientId} at upstream {Upstream}: {Reason}")]
    public static partial void Refused(ILogger logger, string? method, string clientId, string upstream, string reason);

    [LoggerMessage(EventId = 6615, Level = LogLevel.Warning, Message = "Gateway refused a request at upstream {Upstream} ({Reason}); too many refusals from this address this minute to audit each")]
    public static partial void RefusalAuditSuppressed(ILogger logger, string upstream, string reason);

    [LoggerMessage(EventId = 6616, Level = LogLevel.Error, Message = "Mandate call counters or data-flow marks for upstream {Upstream} could not be written; the call was not made")]
    public static partial void MandateStateFailed(ILogger logger, Exception exception, string upstream);

    [LoggerMessage(EventId = 6617, Level = LogLevel.Information, Message = "Gateway holds tool {Tool} of upstream {Upstream} for client {ClientId} until approval {ApprovalId} is decided ({Reason})")]
    public static partial void Held(ILogger logger, string tool, string upstream, string clientId, string approvalId, string reason);

    [LoggerMessage(EventId = 6618, Level = LogLevel.Information, Message = "Held call of tool {Tool} at upstream {Upstream}: {Outcome} (approval {ApprovalId})")]
    public static partial void HeldOutcome(ILogger logger, string tool, string upstream, string outcome, string approvalId);

    [LoggerMessage(EventId = 6619, Level = LogLevel.Error, Message = "The approval request for a call at upstream {Upstream} could not be stored; the call was not made")]
    public static partial void ApprovalStoreFailed(ILogger logger, Exception exception, string upstream);
}
