using System.Globalization;
using Mandate.Protocol.Internal;

namespace Mandate.Protocol.Resources;

/// <summary>
/// Resource indicators (RFC 8707) and the MCP authorization spec's canonical server URI:
/// lowercase scheme and host, no default port, no fragment, no user information, path and query kept
/// as written except that a single trailing slash is removed from the path.
/// </summary>
public static class ResourceIndicator
{
    /// <summary>
    /// Canonicalises a resource indicator. For example <c>https://MCP.example.com:443/mcp/</c> becomes
    /// <c>https://mcp.example.com/mcp</c> and <c>https://example.com/</c> becomes <c>https://example.com</c>.
    /// </summary>
    /// <param name="value">The resource indicator as received.</param>
    /// <param name="canonical">The canonical form on success; an empty string otherwise.</param>
    /// <returns>
    /// False when the value is null, not an absolute <c>http</c>/<c>https</c> URI, has no host, contains
    /// a fragment or user information, or contains whitespace, control or non-ASCII characters
    /// (internationalised hosts must be sent in punycode).
    /// </returns>
    public static bool TryCanonicalize(string? value, out string canonical)
    {
        canonical = string.Empty;
        if (string.IsNullOrEmpty(value) || UriText.HasForbiddenCharacters(value))
        {
            return false;
        }

        if (!UriText.TrySplit(value, out var parts)
            || parts.HasFragment
            || parts.UserInfo is not null
            || parts.Authority is null
            || parts.Host.Length == 0
            || !LoopbackHosts.IsValidPort(parts.Port))
        {
            return false;
        }

        var scheme = parts.Scheme.ToLowerInvariant();
        if (scheme is not ("http" or "https"))
        {
            return false;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return false;
        }

        // System.Uri lowercases the host, converts IDNs to punycode and canonicalises IP literals;
        // the path and query are taken from the raw string so their case and escaping are preserved.
        var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host : uri.IdnHost.ToLowerInvariant();
        var path = parts.Path.EndsWith('/') ? parts.Path[..^1] : parts.Path;
        var query = parts.Query is null or "?" ? string.Empty : parts.Query;
        var port = uri.IsDefaultPort ? string.Empty : ":" + uri.Port.ToString(CultureInfo.InvariantCulture);

        canonical = string.Concat(scheme, "://", host, port, path, query);
        return true;
    }

    /// <summary>True when both values canonicalise successfully to the same string (ordinal comparison).</summary>
    /// <param name="a">The first resource indicator.</param>
    /// <param name="b">The second resource indicator.</param>
    /// <returns>True when the two denote the same resource.</returns>
    public static bool AreEquivalent(string a, string b) =>
        TryCanonicalize(a, out var ca)
        && TryCanonicalize(b, out var cb)
        && string.Equals(ca, cb, StringComparison.Ordinal);
}
