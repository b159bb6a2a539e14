namespace Mandate.Testing;

public static class QueryParameters
{
    /// <summary>Parses a URL's query into a dictionary (first value wins).</summary>
    public static Dictionary<string, string> Of(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
            result.TryAdd(key, value);
        }

        return result;
    }

    public static string Build(string baseUrl, params (string Name, string? Value)[] parameters) =>
        baseUrl + "?" + string.Join('&', parameters.Where(p => p.Value is not null).Select(p => Uri.EscapeDataString(p.Name) + "=" + Uri.EscapeDataString(p.Value!)));
}
