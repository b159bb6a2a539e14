namespace Mandate.Core.Tests.Support;

/// <summary>Reads the query of a redirect URL the way a client would.</summary>
public static class Query
{
    public static Dictionary<string, string> Of(string url)
    {
        var uri = new Uri(url);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            result[Uri.UnescapeDataString(pair[..at])] = Uri.UnescapeDataString(pair[(at + 1)..]);
        }

        return result;
    }
}
