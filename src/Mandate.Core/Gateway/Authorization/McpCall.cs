namespace Mandate.Core.Gateway.Authorization;

/// <summary>What one JSON-RPC message asks of an upstream, as far as the gateway's decision needs it.</summary>
/// <param name="Method">The JSON-RPC method; null for a client's response to a server request.</param>
/// <param name="Tool">params.name of a tools/call.</param>
public sealed record McpCall(string? Method, string? Tool = null)
{
    public const string ToolsCall = "tools/call";
    public const string ToolsList = "tools/list";

    /// <summary>Compared ignoring case: an upstream lenient about method names must not get a tool call the gateway took for something else.</summary>
    public bool IsToolCall => string.Equals(Method, ToolsCall, StringComparison.OrdinalIgnoreCase);

    public bool IsToolList => string.Equals(Method, ToolsList, StringComparison.OrdinalIgnoreCase);
}
