namespace Mandate.Protocol.Internal;

/// <summary>
/// Splits a URI string into its raw components without any normalisation
/// (no case folding, no percent-decoding, no dot-segment removal).
/// </summary>
internal static class UriText
{
    /// <summary>Splits <paramref name="value"/>; returns false when it has no valid scheme.</summary>
    public static bool TrySplit(string value, out UriParts parts)
    {
        parts = default;
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !IsValidScheme(value.AsSpan(0, colon)))
        {
            return false;
        }

        var scheme = value[..colon];
        var rest = value[(colon + 1)..];

        var hash = rest.IndexOf('#', StringComparison.Ordinal);
        var hasFragment = hash >= 0;
        if (hasFragment)
        {
            rest = rest[..hash];
        }

        string? authority = null;
        string? userInfo = null;
        string host = string.Empty;
        string? port = null;
        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            rest = rest[2..];
            var end = rest.IndexOfAny(['/', '?']);
            authority = end < 0 ? rest : rest[..end];
            rest = end < 0 ? string.Empty : rest[end..];

            var hostPort = authority;
            var at = hostPort.LastIndexOf('@');
            if (at >= 0)
            {
                userInfo = hostPort[..at];
                hostPort = hostPort[(at + 1)..];
            }

            SplitHostPort(hostPort, out host, out port);
        }

        var question = rest.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? rest : rest[..question];
        var query = question < 0 ? null : rest[question..];

        parts = new UriParts(scheme, authority, userInfo, host, port, path, query, hasFragment);
        return true;
    }

    /// <summary>True when <paramref name="value"/> contains whitespace, control or non-ASCII characters.</summary>
    public static bool HasForbiddenCharacters(string value)
    {
        foreach (var c in value)
        {
            if (c <= 0x20 || c >= 0x7F)
            {
                return true;
            }
        }

        return false;
    }

    private static void SplitHostPort(string hostPort, out string host, out string? port)
    {
        if (hostPort.StartsWith('['))
        {
            var close = hostPort.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                host = hostPort;
                port = null;
                return;
            }

            host = hostPort[..(close + 1)];
            var after = hostPort[(close + 1)..];
            port = after.StartsWith(':') ? after[1..] : (after.Length == 0 ? null : after);
            return;
        }

        var colon = hostPort.IndexOf(':', StringComparison.Ordinal);
        host = colon < 0 ? hostPort : hostPort[..colon];
        port = colon < 0 ? null : hostPort[(colon + 1)..];
    }

    private static bool IsValidScheme(ReadOnlySpan<char> scheme)
    {
        if (!char.IsAsciiLetter(scheme[0]))
        {
            return false;
        }

        foreach (var c in scheme)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
