using Microsoft.Extensions.Logging;

namespace Mandate.Server.Gateway.HttpApi;

/// <summary>Log events of the HTTP API gateway (6650-6659): upstream names and outcomes only, never headers, tokens or bodies.</summary>
internal static partial class HttpApiLog
{
    [LoggerMessage(EventId = 6650, Level = LogLevel.Warning, Message = "HTTP upstream {Upstream} failed: {Error} (status {Status})")]
    public static partial void UpstreamFailed(ILogger logger, string upstream, string error, int status);

    [LoggerMessage(EventId = 6651, Level = LogLevel.Warning, Message = "HTTP upstream {Upstream} broke off its response: {Error}")]
    public static partial void StreamBroken(ILogger logger, string upstream, string error);
}
