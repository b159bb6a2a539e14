using System.Globalization;
using System.Text;
using Mandate.Protocol.Internal;

namespace Mandate.Protocol.Dpop;

/// <summary>
/// The <c>htu</c> comparison of RFC 9449 §4.3: the request's target URI without query and fragment, compared after
/// RFC 3986 syntax-based and scheme-based normalisation (§6.2.2, §6.2.3): lower-case scheme and host, no default port,
/// upper-case percent-encoding hex digits, unreserved characters decoded, dot segments removed, an empty path as "/".
/// </summary>
public static class DpopTargetUri
{
    /// <summary>Normalises an http(s) URI for comparison, dropping its query and fragment. Never throws.</summary>
    /// <param name="value">An absolute http or https URI.</param>
    /// <param name="normalized">The normalised form on success; an empty string otherwise.</param>
    /// <returns>
    /// False when the value is not an absolute http(s) URI with a host, has user information, contains whitespace,
    /// control or non-ASCII characters, or has a malformed percent-encoding.
    /// </returns>
    public static bool TryNormalize(string? value, out string normalized)
    {
        normalized = string.Empty;
        if (string.IsNullOrEmpty(value) || value.Length > 8192 || UriText.HasForbiddenCharacters(value)
            || !UriText.TrySplit(value, out var parts)
            || parts.UserInfo is not null || parts.Authority is null || parts.Host.Length == 0
            || !LoopbackHosts.IsValidPort(parts.Port))
        {
            return false;
        }

        var scheme = parts.Scheme.ToLowerInvariant();
        if (scheme is not ("http" or "https")
            || !Uri.TryCreate(string.Concat(scheme, "://", parts.Authority, "/"), UriKind.Absolute, out var uri)
            || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return false;
        }

        var path = NormalizePercentEncoding(parts.Path);
        if (path is null)
        {
            return false;
        }

        var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host : uri.IdnHost.ToLowerInvariant();
        var port = uri.IsDefaultPort ? string.Empty : ":" + uri.Port.ToString(CultureInfo.InvariantCulture);
        path = RemoveDotSegments(path);
        normalized = string.Concat(scheme, "://", host, port, path.Length == 0 ? "/" : path);
        return true;
    }

    /// <summary>Whether a proof's <c>htu</c> names the request's target URI (both normalised, query and fragment ignored).</summary>
    /// <param name="htu">The proof's <c>htu</c> claim.</param>
    /// <param name="requestUri">The absolute URI the request was sent to.</param>
    /// <returns>True when both normalise to the same string.</returns>
    public static bool Matches(string? htu, string? requestUri) =>
        TryNormalize(htu, out var a) && TryNormalize(requestUri, out var b) && string.Equals(a, b, StringComparison.Ordinal);

    /// <summary>The URI without its query and fragment, otherwise as written: what a client puts in <c>htu</c>.</summary>
    /// <param name="uri">The request URI.</param>
    /// <returns>The URI up to its first '?' or '#'.</returns>
    public static string StripQueryAndFragment(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var end = uri.AsSpan().IndexOfAny('?', '#');
        return end < 0 ? uri : uri[..end];
    }

    /// <summary>Upper-cases percent-encoding hex digits and decodes unreserved characters; null when malformed.</summary>
    private static string? NormalizePercentEncoding(string path)
    {
        if (!path.Contains('%', StringComparison.Ordinal))
        {
            return path;
        }

        var builder = new StringBuilder(path.Length);
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] != '%')
            {
                builder.Append(path[i]);
                continue;
            }

            if (i + 2 >= path.Length || !char.IsAsciiHexDigit(path[i + 1]) || !char.IsAsciiHexDigit(path[i + 2]))
            {
                return null;
            }

            var decoded = (char)int.Parse(path.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (char.IsAsciiLetterOrDigit(decoded) || decoded is '-' or '.' or '_' or '~')
            {
                builder.Append(decoded);
            }
            else
            {
                builder.Append('%').Append(char.ToUpperInvariant(path[i + 1])).Append(char.ToUpperInvariant(path[i + 2]));
            }

            i += 2;
        }

        return builder.ToString();
    }

    /// <summary>RFC 3986 §5.2.4.</summary>
    private static string RemoveDotSegments(string path)
    {
        if (!path.Contains('.', StringComparison.Ordinal))
        {
            return path;
        }

        var input = path;
        var output = new StringBuilder(path.Length);
        while (input.Length > 0)
        {
            if (input.StartsWith("../", StringComparison.Ordinal))
            {
                input = input[3..];
            }
            else if (input.StartsWith("./", StringComparison.Ordinal))
            {
                input = input[2..];
            }
            else if (input.StartsWith("/./", StringComparison.Ordinal))
            {
                input = input[2..];
            }
            else if (input == "/.")
            {
                input = "/";
            }
            else if (input.StartsWith("/../", StringComparison.Ordinal) || input == "/..")
            {
                input = input.Length == 3 ? "/" : input[3..];
                RemoveLastSegment(output);
            }
            else if (input is "." or "..")
            {
                input = string.Empty;
            }
            else
            {
                var next = input.IndexOf('/', input.StartsWith('/') ? 1 : 0);
                var segment = next < 0 ? input : input[..next];
                output.Append(segment);
                input = next < 0 ? string.Empty : input[next..];
            }
        }

        return output.ToString();
    }

    private static void RemoveLastSegment(StringBuilder output)
    {
        var text = output.ToString();
        var last = text.LastIndexOf('/');
        output.Length = last < 0 ? 0 : last;
    }
}
