using Microsoft.Extensions.Logging;

namespace Mandate.Core.Approvals;

/// <summary>Approval log messages; ids and names only, never binding messages or arguments.</summary>
internal static partial class ApprovalLog
{
    [LoggerMessage(EventId = 8001, Level = LogLevel.Information, Message = "Approval request {Id} ({Kind}) created for client {ClientId}")]
    public static partial void Created(ILogger logger, string id, ApprovalKind kind, string clientId);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Information, Message = "Approval request {Id} {Decision} by {DecidedBy}")]
    public static partial void Decided(ILogger logger, string id, string decision, string decidedBy);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Warning, Message = "Approval notifier {Notifier} failed for request {Id}")]
    public static partial void NotifierFailed(ILogger logger, Exception exception, string notifier, string id);

    [LoggerMessage(EventId = 8004, Level = LogLevel.Information, Message = "Approval request {Id} expired undecided")]
    public static partial void Expired(ILogger logger, string id);
}
