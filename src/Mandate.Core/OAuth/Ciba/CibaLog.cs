using Microsoft.Extensions.Logging;

namespace Mandate.Core.OAuth.Ciba;

/// <summary>CIBA log messages: ids and outcomes, never auth_req_ids or notification tokens.</summary>
internal static partial class CibaLog
{
    [LoggerMessage(EventId = 8101, Level = LogLevel.Information, Message = "CIBA ping for approval {ApprovalId} delivered to client {ClientId} (HTTP {Status})")]
    public static partial void PingDelivered(ILogger logger, string approvalId, string clientId, int status);

    [LoggerMessage(EventId = 8102, Level = LogLevel.Warning, Message = "CIBA ping for approval {ApprovalId} to client {ClientId} failed: {Reason}; the client can still poll")]
    public static partial void PingFailed(ILogger logger, string approvalId, string clientId, string reason);
}
