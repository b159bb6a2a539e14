using Microsoft.Extensions.Logging;

namespace Mandate.Demo;

/// <summary>The demo server's log messages (event IDs 9001–9099). The key is never logged.</summary>
internal static partial class DemoLog
{
    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Demo MCP server listening at {Url} (reachable through the gateway only)")]
    public static partial void Listening(ILogger logger, string url);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Warning, Message = "Demo MCP server refused {Method} {Path}: no valid demo key (only the gateway has it)")]
    public static partial void RequestWithoutKey(ILogger logger, string method, string path);

    [LoggerMessage(EventId = 9004, Level = LogLevel.Warning, Message = "Demo MCP server refused {Method} {Path}: it carried an Authorization header, so a caller's token was passed upstream")]
    public static partial void TokenForwarded(ILogger logger, string method, string path);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Information, Message = "Registered the demo as upstream {Upstream}, served at {GatewayUrl}")]
    public static partial void Registered(ILogger logger, string upstream, string gatewayUrl);
}
