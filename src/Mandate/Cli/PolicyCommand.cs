using System.CommandLine;
using System.Globalization;
using Mandate.Core.Gateway;
using Mandate.Core.Gateway.DataFlow;
using Mandate.Core.Security;

namespace Mandate.Cli;

/// <summary>mandate policy set|approve|list: the operator's word on each upstream tool.</summary>
public static class PolicyCommand
{
    private static readonly Argument<string> Upstream = new("upstream") { Description = "The upstream's name." };
    private static readonly Argument<string> Tool = new("tool") { Description = "The tool's name, as the upstream lists it." };
    private static readonly Option<string> Level = new("--level")
    {
        Description = "read, write, destructive or deny; approval (the default level, plus a person's approval for every call) or read,approval / write,approval / destructive,approval; 'default' removes the override.",
    };

    private static readonly Option<string> Label = new("--label")
    {
        Description = "Data-flow labels: private, egress, private,egress or none; 'default' removes them (egress then follows openWorldHint on trusted upstreams).",
    };

    public static Command Create()
    {
        var set = new Command("set", "Set a tool's level (over what its annotations say) and/or its data-flow labels.") { Upstream, Tool, Level, Label };
        set.SetAction(SetAsync);
        var approve = new Command("approve", "Accept a tool's changed definition, ending its hold.") { Upstream, Tool };
        approve.SetAction(ApproveAsync);
        var list = new Command("list", "List what is recorded of an upstream's tools (--json shows the definitions).") { Upstream };
        list.SetAction(ListAsync);
        return new Command("policy", "Decide what each upstream tool (MCP) or request (HTTP API) needs.") { set, approve, list, PolicyRuleCommand.Create() };
    }

    private static async Task<int> SetAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var (levelWord, labelWord) = (parse.GetValue(Level), parse.GetValue(Label));
        if (levelWord is null && labelWord is null)
        {
            return Output.Fail("Give --level, --label or both.");
        }

        PermissionLevel? level = null;
        var requiresApproval = false;
        if (levelWord is not null and not "default")
        {
            if (!TryParseLevel(levelWord, out level, out requiresApproval))
            {
                return Output.Fail("--level must be read, write, destructive, deny, approval, LEVEL,approval or default.");
            }
        }

        DataFlowLabels? labels = null;
        if (labelWord is not null and not "default")
        {
            if (!DataFlowLabelNames.TryParse(labelWord, out var parsed))
            {
                return Output.Fail("--label must be private, egress, private,egress, none or default.");
            }

            labels = parsed;
        }

        var (upstream, tool) = (parse.GetValue(Upstream)!, parse.GetValue(Tool)!);
        await using var context = await AdminContext.OpenAsync(parse, cancellationToken);
        if ((await context.Get<IUpstreamStore>().FindAsync(upstream, cancellationToken))?.Kind == UpstreamKind.Http)
        {
            return Output.Fail($"Upstream {upstream} is an HTTP API: it has no tools; set levels by method and path with `mandate policy rule add {upstream}`.");
        }

        var administration = context.Get<ToolPolicyAdministration>();
        var done = new List<string>();
        if (levelWord is not null)
        {
            var outcome = await administration.SetOverrideAsync(upstream, tool, level, requiresApproval, cancellationToken);
            if (outcome != ToolPolicyOutcome.Done)
            {
                return Report(context, outcome, upstream, tool, string.Empty);
            }

            var approval = requiresApproval ? ", and every call needs a person's approval" : string.Empty;
            done.Add(level is { } l ? $"Tool {tool} of {upstream} set to {GatewayWords.Level(l)}{approval}." : $"Tool {tool} of {upstream} at its default level{approval}.");
        }

        if (labelWord is not null)
        {
            var outcome = await administration.SetLabelsAsync(upstream, tool, labels, cancellationToken);
            if (outcome != ToolPolicyOutcome.Done)
            {
                return Report(context, outcome, upstream, tool, string.Empty);
            }

            done.Add(labels is { } d ? $"Tool {tool} of {upstream} labelled {DataFlowLabelNames.Name(d)}." : $"Tool {tool} of {upstream} back to its default labels.");
        }

        return Report(context, ToolPolicyOutcome.Done, upstream, tool, string.Join(Environment.NewLine, done));
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
            Output.JsonArray(tools, (w, t) => PolicyJson.Write(w, t.Policy, t.Level, ToolDataFlow.Of(t.Policy, upstream.TrustAnnotations)));
        }
        else
        {
            Output.Table(
                ["TOOL", "LEVEL", "WHY", "LABELS", "STATUS", "APPROVED", "PENDING", "UPDATED"],
                tools.Select(t => (IReadOnlyList<string>)
                [
                    t.Policy.Tool,
                    (t.Level is { } l ? GatewayWords.Level(l.Level) : "-") + (t.Policy.RequiresApproval ? " + approval" : string.Empty),
                    t.Level is { } r ? GatewayWords.Why(r.Reason) : "not listed yet",
                    DataFlowLabelNames.Name(ToolDataFlow.Of(t.Policy, upstream.TrustAnnotations)) + (t.Policy.LabelOverride is null ? "" : " (override)"),
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

    /// <summary>"approval" (default level), "LEVEL,approval" or a plain level; approval never goes with deny.</summary>
    private static bool TryParseLevel(string word, out PermissionLevel? level, out bool requiresApproval)
    {
        level = null;
        var parts = word.Split(',', StringSplitOptions.TrimEntries);
        requiresApproval = parts.Contains("approval", StringComparer.Ordinal);
        var levels = parts.Where(p => p != "approval").ToList();
        if (parts.Length > 2 || levels.Count > 1 || (requiresApproval && parts.Count(p => p == "approval") > 1))
        {
            return false;
        }

        if (levels.Count == 0)
        {
            return requiresApproval;
        }

        if (!PermissionLevelNames.TryParse(levels[0], out var parsed) || (requiresApproval && parsed == PermissionLevel.Deny))
        {
            return false;
        }

        level = parsed;
        return true;
    }

    private static string Short(string? fingerprint) => fingerprint is null ? "-" : fingerprint[..Math.Min(12, fingerprint.Length)];
}
