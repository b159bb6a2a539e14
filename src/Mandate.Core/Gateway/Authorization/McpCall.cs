namespace Mandate.Core.Gateway.Authorization;

/// <summary>What one JSON-RPC message asks of an upstream, as far as the gateway's decision needs it.</summary>
/// <param name="Method">The JSON-RPC method; null for a client's response to a server request.</param>
/// <param name="Tool">params.name of a tools/call.</param>
public sealed record McpCall(string? Method, string? Tool = null)
{
    public const string ToolsCall = "tools/call";
    public const string ToolsList = "tools/list";

    /// <summary>params.arguments of a tools/call as sent (UTF-8 JSON), for a mandate's argument schema; null when absent.</summary>
    public ReadOnlyMemory<byte>? Arguments { get; init; }

    /// <summary>Compared ignoring case: an upstream lenient about method names must not get a tool call the gateway took for something else.</summary>
    public bool IsToolCall => string.Equals(Method, ToolsCall, StringComparison.OrdinalIgnoreCase);

    public bool IsToolList => string.Equals(Method, ToolsList, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// What any session needs whatever it may call: the lifecycle, ping, notifications, listing tools (filtered),
    /// the log level, and answers to the upstream's own requests. A mandate allows these without a scope.
    /// </summary>
    public bool IsSessionPlumbing => Method is null || IsToolList
        || Method is "initialize" or "ping" or "logging/setLevel"
        || Method.StartsWith("notifications/", StringComparison.Ordinal);
}
