namespace Mandate.Cli;

/// <summary>Parses --header 'Name: value' for upstreams; refuses headers the gateway itself must control.</summary>
public static class UpstreamHeaders
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Content-Type", "Transfer-Encoding", "Connection", "Keep-Alive", "Upgrade", "TE",
        "Trailer", "Accept", "Mcp-Session-Id", "MCP-Protocol-Version", "Last-Event-ID", "Mcp-Method", "Mcp-Name",
    };

    public static (Dictionary<string, string>? Headers, string? Error) Parse(IEnumerable<string> items)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items)
        {
            var colon = item.IndexOf(':', StringComparison.Ordinal);
            var name = colon < 0 ? item.Trim() : item[..colon].Trim();
            if (colon <= 0 || !IsToken(name))
            {
                return (null, $"--header takes 'Name: value'; '{name}' is not a header name.");
            }

            var value = item[(colon + 1)..].Trim();
            if (value.Any(c => char.IsControl(c) && c != '\t'))
            {
                return (null, $"The value of header {name} contains control characters.");
            }

            if (Reserved.Contains(name))
            {
                return (null, $"Header {name} is set by the gateway and cannot be configured.");
            }

            if (!headers.TryAdd(name, value))
            {
                return (null, $"Header {name} is given twice.");
            }
        }

        return (headers, null);
    }

    // RFC 9110 token characters.
    private static bool IsToken(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal));
}
