using Mandate.Demo;

namespace Mandate.Cli;

/// <summary>`mandate serve --demo`: the demo notes server behind the gateway, and how to connect to it.</summary>
public static class DemoMode
{
    public static async Task<DemoUpstream> StartAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var demo = await DemoUpstream.StartAsync(services, cancellationToken);
        Console.Out.WriteLine();
        Console.Out.WriteLine($"  Demo: a notes MCP server runs behind the gateway as upstream '{DemoUpstream.Name}' (reachable only through Mandate).");
        Console.Out.WriteLine($"  Point an MCP client at {demo.GatewayUrl}, sign in, and allow what it may do:");
        Console.Out.WriteLine("    mcp:read lists and reads notes, mcp:write also creates and edits them, mcp:destructive also deletes them.");
        Console.Out.WriteLine();
        return demo;
    }
}
