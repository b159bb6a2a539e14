using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Mandate.Core.Gateway;
using Mandate.Core.Gateway.Http;

namespace Mandate.Cli;

/// <summary>
/// mandate policy rule add|list|remove: the method+path rules of an HTTP API upstream. The most specific matching rule
/// decides a request's level (docs/gateway.md#http-api-upstreams); without one, GET/HEAD/OPTIONS are read and every
/// other method destructive.
/// </summary>
public static class PolicyRuleCommand
{
    private static readonly Argument<string> Upstream = new("upstream") { Description = "The HTTP upstream's name." };
    private static readonly Argument<long> Id = new("id") { Description = "The rule's id, as `policy rule list` shows it." };
    private static readonly Option<string> Method = new("--method") { Description = "The HTTP method (GET also covers HEAD), or * for every method.", Required = true };
    private static readonly Option<string> Path = new("--path")
    {
        Description = "The path below {issuer}/http/{name}: literal segments, * for one segment, ** (last only) for any number: '/repos/*/issues', '/admin/**'.",
        Required = true,
    };

    private static readonly Option<string> Level = new("--level") { Description = "read, write, destructive or deny.", Required = true };

    public static Command Create()
    {
        var add = new Command("add", "Add a rule: requests with this method and path need this level (deny: refused).") { Upstream, Method, Path, Level };
        add.SetAction(AddAsync);
        var list = new Command("list", "List the rules in the order they are tried (most specific first).") { Upstream };
        list.SetAction(ListAsync);
        var remove = new Command("remove", "Remove a rule.") { Upstream, Id };
        remove.SetAction(RemoveAsync);
        return new Command("rule", "Method+path rules of an HTTP API upstream.") { add, list, remove };
    }

    private static async Task<int> AddAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var method = HttpRuleAdministration.NormalizeMethod(parse.GetValue(Method));
        if (method is null)
        {
            return Output.Fail("--method must be an HTTP method (letters only, e.g. GET, POST, DELETE) or *.");
        }

        if (PathPattern.Parse(parse.GetValue(Path)!, out var pathError) is not { } path)
        {
            return Output.Fail(pathError!);
        }

        if (!PermissionLevelNames.TryParse(parse.GetValue(Level), out var level))
        {
            return Output.Fail("--level must be read, write, destructive or deny.");
        }

        var upstream = parse.GetValue(Upstream)!;
        await using var context = await AdminContext.OpenAsync(parse, cancellationToken);
        var (outcome, rule) = await context.Get<HttpRuleAdministration>().AddAsync(upstream, method, path, level, cancellationToken);
        if (Refusal(outcome, upstream) is { } refused)
        {
            return refused;
        }

        if (context.Json)
        {
            Output.JsonObject(w => Write(w, rule!));
        }
        else
        {
            Console.Out.WriteLine($"Rule {rule!.Id.ToString(CultureInfo.InvariantCulture)} added to {upstream}: {rule.Method} {rule.Path} -> {PermissionLevelNames.Name(rule.Level)}.");
        }

        return 0;
    }

    private static async Task<int> ListAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var upstream = parse.GetValue(Upstream)!;
        await using var context = await AdminContext.OpenAsync(parse, cancellationToken);
        var (outcome, rules) = await context.Get<HttpRuleAdministration>().ListAsync(upstream, cancellationToken);
        if (Refusal(outcome, upstream) is { } refused)
        {
            return refused;
        }

        if (context.Json)
        {
            Output.JsonArray(rules, Write);
        }
        else
        {
            Output.Table(
                ["ID", "METHOD", "PATH", "LEVEL", "ADDED"],
                rules.Select(r => (IReadOnlyList<string>)[r.Id.ToString(CultureInfo.InvariantCulture), r.Method, r.Path, PermissionLevelNames.Name(r.Level), r.CreatedAt.ToString("u", CultureInfo.InvariantCulture)]));
        }

        return 0;
    }

    private static async Task<int> RemoveAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var (upstream, id) = (parse.GetValue(Upstream)!, parse.GetValue(Id));
        await using var context = await AdminContext.OpenAsync(parse, cancellationToken);
        var outcome = await context.Get<HttpRuleAdministration>().RemoveAsync(upstream, id, cancellationToken);
        if (Refusal(outcome, upstream) is { } refused)
        {
            return refused;
        }

        if (context.Json)
        {
            Output.JsonObject(w =>
            {
                w.WriteString("upstream", upstream);
                w.WriteNumber("removed", id);
            });
        }
        else
        {
            Console.Out.WriteLine($"Rule {id.ToString(CultureInfo.InvariantCulture)} removed from {upstream}.");
        }

        return 0;
    }

    private static int? Refusal(HttpRuleOutcome outcome, string upstream) => outcome switch
    {
        HttpRuleOutcome.UnknownUpstream => Output.Fail($"No upstream {upstream}."),
        HttpRuleOutcome.NotHttpUpstream => Output.Fail($"Upstream {upstream} is an MCP server: set its tools' levels with `mandate policy set`."),
        HttpRuleOutcome.UnknownRule => Output.Fail($"Upstream {upstream} has no such rule; see `mandate policy rule list {upstream}`."),
        _ => null,
    };

    private static void Write(Utf8JsonWriter w, HttpRule rule)
    {
        w.WriteNumber("id", rule.Id);
        w.WriteString("upstream", rule.Upstream);
        w.WriteString("method", rule.Method);
        w.WriteString("path", rule.Path);
        w.WriteString("level", PermissionLevelNames.Name(rule.Level));
        w.WriteString("created_at", rule.CreatedAt);
    }
}
