namespace Mandate.Core.Gateway.Http;

/// <summary>
/// An upstream's rules, compiled and ordered most specific first, so a request's level is the first match:
/// (1) more literal segments, (2) a fixed-length pattern before one ending in "**", (3) a named method before "*",
/// (4) the older rule (lower id). A GET rule also governs HEAD (RFC 9110 §9.3.2: the same request without a body), so
/// denying a GET cannot be bypassed with HEAD. No rule: GET, HEAD and OPTIONS are read, every other method destructive.
/// </summary>
public sealed class HttpRuleSet
{
    private readonly IReadOnlyList<(HttpRule Rule, PathPattern Pattern)> ordered;

    public HttpRuleSet(IEnumerable<HttpRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ordered = rules
            .Select(r => (Rule: r, Pattern: PathPattern.Parse(r.Path, out _)))
            .Where(r => r.Pattern is not null)
            .Select(r => (r.Rule, Pattern: r.Pattern!))
            .OrderByDescending(r => r.Pattern.Literals)
            .ThenBy(r => r.Pattern.OpenEnded)
            .ThenBy(r => r.Rule.Method == HttpRule.AnyMethod)
            .ThenBy(r => r.Rule.Id)
            .ToList();
    }

    public static HttpRuleSet Empty { get; } = new([]);

    /// <summary>The rules in the order they are tried.</summary>
    public IEnumerable<HttpRule> InOrder => ordered.Select(r => r.Rule);

    public HttpClassification Classify(string method, HttpPath path)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        foreach (var (rule, pattern) in ordered)
        {
            if (MethodMatches(rule.Method, method) && pattern.Matches(path))
            {
                return new HttpClassification(rule.Level, rule);
            }
        }

        return new HttpClassification(DefaultLevel(method), null);
    }

    public static PermissionLevel DefaultLevel(string method) =>
        method is "GET" or "HEAD" or "OPTIONS" ? PermissionLevel.Read : PermissionLevel.Destructive;

    private static bool MethodMatches(string ruleMethod, string method) =>
        ruleMethod == HttpRule.AnyMethod || ruleMethod == method || (ruleMethod == "GET" && method == "HEAD");
}
