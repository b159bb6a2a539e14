using System.Globalization;
using Mandate.Core.Audit;

namespace Mandate.Core.Gateway.Http;

/// <summary>
/// `mandate policy rule add|list|remove`: checks the upstream is an HTTP one, stores the rule, and records the change
/// in the ledger as gateway.http_rule (a running server sees it within two seconds).
/// </summary>
public sealed class HttpRuleAdministration(IUpstreamStore upstreams, IHttpRuleStore rules, HttpRulePolicy policy, AdminAudit audit, TimeProvider time)
{
    public const string EventKind = "gateway.http_rule";

    /// <summary>An RFC 9110 method token, upper-cased (methods are case-sensitive; every standard one is upper-case), or "*".</summary>
    public static string? NormalizeMethod(string? method)
    {
        if (method == HttpRule.AnyMethod)
        {
            return method;
        }

        return method is { Length: > 0 and <= 32 } && method.All(char.IsAsciiLetter) ? method.ToUpperInvariant() : null;
    }

    public async Task<(HttpRuleOutcome Outcome, HttpRule? Rule)> AddAsync(string upstream, string method, PathPattern path, PermissionLevel level, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (await CheckAsync(upstream, cancellationToken) is { } refused)
        {
            return (refused, null);
        }

        var rule = await rules.AddAsync(new HttpRule(0, upstream, method, path.Text, level, time.GetUtcNow()), cancellationToken);
        policy.Forget(upstream);
        await audit.RecordAsync(EventKind, $"rule {Id(rule)} added: {rule.Method} {rule.Path} -> {PermissionLevelNames.Name(level)}", cancellationToken, upstream: upstream);
        return (HttpRuleOutcome.Done, rule);
    }

    /// <summary>The rules in the order they are tried (most specific first).</summary>
    public async Task<(HttpRuleOutcome Outcome, IReadOnlyList<HttpRule> Rules)> ListAsync(string upstream, CancellationToken cancellationToken)
    {
        if (await CheckAsync(upstream, cancellationToken) is { } refused)
        {
            return (refused, []);
        }

        return (HttpRuleOutcome.Done, new HttpRuleSet(await rules.ListAsync(upstream, cancellationToken)).InOrder.ToList());
    }

    public async Task<HttpRuleOutcome> RemoveAsync(string upstream, long id, CancellationToken cancellationToken)
    {
        if (await CheckAsync(upstream, cancellationToken) is { } refused)
        {
            return refused;
        }

        var existing = (await rules.ListAsync(upstream, cancellationToken)).FirstOrDefault(r => r.Id == id);
        if (existing is null || !await rules.RemoveAsync(upstream, id, cancellationToken))
        {
            return HttpRuleOutcome.UnknownRule;
        }

        policy.Forget(upstream);
        await audit.RecordAsync(EventKind, $"rule {Id(existing)} removed: {existing.Method} {existing.Path} -> {PermissionLevelNames.Name(existing.Level)}", cancellationToken, upstream: upstream);
        return HttpRuleOutcome.Done;
    }

    private async Task<HttpRuleOutcome?> CheckAsync(string upstream, CancellationToken cancellationToken) =>
        await upstreams.FindAsync(upstream, cancellationToken) switch
        {
            null => HttpRuleOutcome.UnknownUpstream,
            { Kind: not UpstreamKind.Http } => HttpRuleOutcome.NotHttpUpstream,
            _ => null,
        };

    private static string Id(HttpRule rule) => rule.Id.ToString(CultureInfo.InvariantCulture);
}
