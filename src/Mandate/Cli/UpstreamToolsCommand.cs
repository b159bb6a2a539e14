using System.CommandLine;
using Mandate.Core.Gateway;
using Mandate.Core.Security;

namespace Mandate.Cli;

/// <summary>mandate upstreams tools NAME: asks the upstream for its tools now, records them, and shows each one's level.</summary>
public static class UpstreamToolsCommand
{
    public static Command Create()
    {
        var tools = new Command("tools", "List the upstream's tools with the level Mandate gives each (and record new or changed definitions).") { UpstreamsCommand.Name };
        tools.SetAction(RunAsync);
        return tools;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var name = parse.GetValue(UpstreamsCommand.Name)!;
        await using var context = await AdminContext.OpenAsync(parse, cancellationToken);
        IReadOnlyList<ToolReconciliation> tools;
        try
        {
            var upstream = await context.Get<IUpstreamStore>().FindAsync(name, cancellationToken);
            if (upstream is null)
            {
                return Output.Fail($"No upstream {name}.");
            }

            if (upstream.Kind == UpstreamKind.Http)
            {
                return Output.Fail($"Upstream {name} is an HTTP API: it has no tools; its levels are method+path rules (`mandate policy rule list {name}`).");
            }

            var listed = await context.Get<IUpstreamToolSource>().ListToolsAsync(upstream, cancellationToken);
            tools = await context.Get<ToolCatalog>().ReconcileDetailedAsync(upstream, listed, cancellationToken);
        }
        catch (Exception ex) when (ex is UpstreamToolSourceException or SecretDecryptionException)
        {
            return Output.Fail(ex.Message);
        }

        if (context.Json)
        {
            Output.JsonArray(tools, (w, t) =>
            {
                w.WriteString("name", t.Name);
                w.WriteString("level", GatewayWords.Level(t.Level));
                w.WriteString("why", GatewayWords.Why(t.Reason));
                w.WriteString("change", GatewayWords.Change(t.Change));
            });
            return 0;
        }

        Output.Table(["NAME", "LEVEL", "WHY"], tools.Select(t => (IReadOnlyList<string>)[t.Name, GatewayWords.Level(t.Level), GatewayWords.Why(t.Reason)]));
        foreach (var tool in tools.Where(t => t.Change is ToolChangeKind.DefinitionChanged or ToolChangeKind.AnnotationsChanged or ToolChangeKind.Reverted))
        {
            Console.Out.WriteLine(tool.Change == ToolChangeKind.DefinitionChanged
                ? $"Tool {tool.Name} changed its definition: denied until `mandate policy approve {name} {tool.Name}` (see it with `mandate policy list {name} --json`)."
                : $"Tool {tool.Name}: {GatewayWords.Change(tool.Change)}.");
        }

        return 0;
    }
}
