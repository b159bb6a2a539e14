using System.ComponentModel;
using ModelContextProtocol.Server;

namespace Mandate.BenchUpstream;

/// <summary>The benchmark's one tool: as cheap as a tool can be, and annotated read-only so the gateway asks mcp:read.</summary>
[McpServerToolType]
public static class EchoTool
{
    [McpServerTool(Name = "echo", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Returns the text it was given.")]
    public static string Echo([Description("Any text")] string text) => text;
}
