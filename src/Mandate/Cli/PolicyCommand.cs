using System.CommandLine;
using System.Globalization;
using Mandate.Core.Gateway;
using Mandate.Core.Security;

namespace Mandate.Cli;

/// <summary>mandate policy set|approve|list: the operator's word on each upstream tool.</summary>
public static class PolicyCommand
{
    private static readonly Argument<string> Upstream = new("upstream") { Description = "The upstream's name." };
    private static readonly Argument<string> Tool = new("tool") { Description = "The tool's name, as the upstream lists it." };
    private static readonly Option<string> Level = new("--level")
    {
        Description = "read, write, destructive or deny; 'default' removes the override.",
        Required = true,
    };

    public static Command Create()
    {
        var set = new Command("set", "Set a tool's level, over what its annotations say.") { Upstream, Tool, Level };
        set.SetAction(SetAsync);
        var approve = new Command("approve", "Accept a tool's changed definition, ending its hold.") { Upstream, Tool };
        approve.SetAction(ApproveAsync);
        var list = new Command("list", "List what is recorded of an upstream's tools (--json shows the definitions).") { Upstream };
        list.SetAction(ListAsync);
        return new Command("policy", "Decide what each upstream tool needs.") { set, approve, list };
    }

    private static async Task<int> SetAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var word = parse.GetValue(Level);
        PermissionLevel? level = null;
        if (word != "default")
        {
            if (!PermissionLevelNames.TryParse(word, out var parsed))
            {
                return Output.Fail("--level must be read, write, destructive, deny or default.");
            }

            level = parsed;
        }

        var (upstream, tool) = (parse.GetValue(Upstream)!, parse.GetValue(Tool)!);
        await using var context = await AdminContext.OpenAsync(parse, cancellationToken);
        var outcome = await context.Get<ToolPolicyAdministration>().SetOverrideAsync(upstream, tool, level, cancellationToken);
        return Report(context, outcome, upstream, tool, level is { } l ? $"Tool {tool} of {upstream} set to {GatewayWords.Level(l)}." : $"Tool {tool} of {upstream} back to its default level.");
    }

    private static async Task<int> ApproveAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var (upstream, tool) = (parse.GetValue(Upstream)!, parse.GetValue(Tool)!);
        await using var context = await AdminContext.OpenAsync(parse, cancellationToken);
        var outcome = await context.Get<ToolPolicyAdministration>().ApproveAsync(upstream, tool, cancellationToken);
        return Report(context, outcome, upstream, tool, $"Approved the new definition of {tool} of {upstream}.");
    }

    private static async Task<int> ListAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var name = parse.GetValue(Upstream)!;
        await using var context = await AdminContext.OpenAsync(parse, cancellationToken);
        Core.Gateway.Upstream? upstream;
        IReadOnlyList<(ToolPolicy Policy, ToolLevel? Level)> tools;
        try
        {
            (upstream, tools) = await context.Get<ToolPolicyAdministration>().ListAsync(name, cancellationToken);
        }
        catch (SecretDecryptionException ex)
        {
            return Output.Fail(ex.Message);
        }

        if (upstream is null)
        {
            return Output.Fail($"No upstream {name}.");
        }

        if (context.Json)
        {
            Output.JsonArray(tools, (w, t) => PolicyJson.Write(w, t.Policy, t.Level));
        }
        else
        {
            Output.Table(
                ["TOOL", "LEVEL", "WHY", "STATUS", "APPROVED", "PENDING", "UPDATED"],
                tools.Select(t => (IReadOnlyList<string>)
                [
                    t.Policy.Tool,
                    t.Level is { } l ? GatewayWords.Level(l.Level) : "-",
                    t.Level is { } r ? GatewayWords.Why(r.Reason) : "not listed yet",
                    GatewayWords.Status(t.Policy.Status),
                    Short(t.Policy.ApprovedFingerprint),
                    Short(t.Policy.PendingFingerprint),
                    t.Policy.UpdatedAt.ToString("u", CultureInfo.InvariantCulture),
                ]));
        }

        return 0;
    }

    private static int Report(AdminContext context, ToolPolicyOutcome outcome, string upstream, string tool, string done)
    {
        switch (outcome)
        {
            case ToolPolicyOutcome.UnknownUpstream:
                return Output.Fail($"No upstream {upstream}.");
            case ToolPolicyOutcome.UnknownTool:
                return Output.Fail($"Upstream {upstream} has not listed a tool {tool}; see `mandate upstreams tools {upstream}`.");
            case ToolPolicyOutcome.NothingPending:
                return Output.Fail($"Tool {tool} of {upstream} has no changed definition waiting for approval.");
        }

        if (context.Json)
        {
            Output.JsonObject(w =>
            {
                w.WriteString("upstream", upstream);
                w.WriteString("tool", tool);
            });
        }
        else
        {
            Console.Out.WriteLine(done);
        }

        return 0;
    }

    private static string Short(string? fingerprint) => fingerprint is null ? "-" : fingerprint[..Math.Min(12, fingerprint.Length)];
}
