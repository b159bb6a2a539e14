namespace Mandate.Core.OAuth;

/// <summary>
/// Request parameters from a query string or form. RFC 6749 section 3.1: a parameter sent more than once is an
/// error; the names that were repeated are kept so validators can say so.
/// </summary>
public sealed class OAuthParameters
{
    private readonly Dictionary<string, string> values;
    private readonly HashSet<string> repeated;

    public OAuthParameters(IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        values = new Dictionary<string, string>(StringComparer.Ordinal);
        repeated = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, list) in source)
        {
            if (list.Count > 1)
            {
                repeated.Add(name);
            }

            if (list.Count > 0)
            {
                values[name] = list[0];
            }
        }
    }

    public static OAuthParameters From(params (string Name, string Value)[] pairs) =>
        new(pairs.GroupBy(p => p.Name, StringComparer.Ordinal)
            .Select(g => new KeyValuePair<string, IReadOnlyList<string>>(g.Key, g.Select(p => p.Value).ToList())));

    /// <summary>The parameter's value; empty values count as absent (RFC 6749 section 3.1).</summary>
    public string? this[string name] => values.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    public bool IsRepeated(string name) => repeated.Contains(name);

    /// <summary>The first repeated name among those given, or null.</summary>
    public string? FirstRepeated(params string[] names) => names.FirstOrDefault(repeated.Contains);

    public IEnumerable<KeyValuePair<string, string>> All => values;
}
