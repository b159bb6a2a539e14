using Microsoft.Extensions.Logging;

namespace Mandate.Core.Gateway.Authorization;

/// <summary>Log messages of the gateway's token checks and decisions (event IDs 66xx). Never a token.</summary>
internal static partial class AuthorizationLog
{
    [LoggerMessage(EventId = 6601, Level = LogLevel.Warning, Message = "Could not list the tools of upstream {Upstream} to find an unknown tool's level ({Error}); it counts as destructive")]
    public static partial void ToolFetchFailed(ILogger logger, string upstream, string error);

    [LoggerMessage(EventId = 6602, Level = LogLevel.Debug, Message = "Gateway token refused: {Reason}")]
    public static partial void TokenRefused(ILogger logger, string reason);
}
