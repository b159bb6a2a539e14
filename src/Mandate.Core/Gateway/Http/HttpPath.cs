using System.Text;

namespace Mandate.Core.Gateway.Http;

/// <summary>
/// A request path below {issuer}/http/{name}, decoded exactly once and checked, so that rules match what the upstream
/// will act on and no trick changes that: empty segments (double slashes) are dropped; a segment that is, or encodes,
/// "." or ".." (also with a ";…" suffix, which some servers strip), or that holds "/" or "\" once decoded, control
/// characters, malformed percent-encoding or invalid UTF-8, or a "%XX" left after decoding (double encoding, which a
/// second decoder would turn into one of the above) is refused. The path sent upstream is rebuilt from the decoded
/// segments with one canonical encoding.
/// </summary>
public sealed class HttpPath
{
    private HttpPath(IReadOnlyList<string> segments, bool trailingSlash)
    {
        Segments = segments;
        TrailingSlash = trailingSlash;
    }

    /// <summary>The decoded segments, none empty.</summary>
    public IReadOnlyList<string> Segments { get; }

    /// <summary>Whether the request path ended in "/" (kept when forwarding: some APIs tell the two apart).</summary>
    public bool TrailingSlash { get; }

    /// <summary>The path as sent upstream: each segment encoded canonically, "/" for the root.</summary>
    public string Encoded => "/" + string.Join('/', Segments.Select(EncodeSegment)) + (TrailingSlash && Segments.Count > 0 ? "/" : string.Empty);

    public override string ToString() => Encoded;

    /// <summary>The path without its first <paramref name="count"/> segments (a prefix the caller checked).</summary>
    public HttpPath Skip(int count) => new(Segments.Skip(count).ToList(), TrailingSlash && Segments.Count > count);

    /// <param name="raw">The path as it came on the wire (percent-encoded, without query), "" or starting with "/".</param>
    /// <param name="error">Why the path is refused, safe to show the caller.</param>
    public static HttpPath? Parse(string raw, out string? error) => Parse(raw, allowWildcards: false, out error);

    /// <summary>Parse, optionally keeping "*" and "**" segments as they are (for rule patterns).</summary>
    internal static HttpPath? Parse(string raw, bool allowWildcards, out string? error)
    {
        ArgumentNullException.ThrowIfNull(raw);
        error = null;
        if (raw.Length > 0 && raw[0] != '/')
        {
            error = "the path must start with '/'";
            return null;
        }

        var segments = new List<string>();
        foreach (var part in raw.Split('/'))
        {
            if (part.Length == 0)
            {
                continue;
            }

            if (allowWildcards && part is "*" or "**")
            {
                segments.Add(part);
                continue;
            }

            if (Decode(part) is not { } decoded)
            {
                error = "the path has malformed percent-encoding";
                return null;
            }

            if (RefusalOf(decoded) is { } refusal)
            {
                error = refusal;
                return null;
            }

            segments.Add(decoded);
        }

        return new HttpPath(segments, raw.Length > 1 && raw[^1] == '/');
    }

    private static string? RefusalOf(string segment)
    {
        var beforeParameters = segment.Split(';', 2)[0];
        if (beforeParameters is "." or "..")
        {
            return "the path may not hold '.' or '..' segments";
        }

        foreach (var c in segment)
        {
            if (c is '/' or '\\')
            {
                return "the path may not hold an encoded '/' or '\\'";
            }

            if (char.IsControl(c))
            {
                return "the path may not hold control characters";
            }
        }

        for (var i = 0; i + 2 < segment.Length; i++)
        {
            if (segment[i] == '%' && char.IsAsciiHexDigit(segment[i + 1]) && char.IsAsciiHexDigit(segment[i + 2]))
            {
                return "the path may not be percent-encoded twice";
            }
        }

        return null;
    }

    /// <summary>Percent-decodes once; null for a '%' without two hex digits or bytes that are not UTF-8.</summary>
    private static string? Decode(string part)
    {
        if (!part.Contains('%', StringComparison.Ordinal))
        {
            return part;
        }

        var bytes = new List<byte>(part.Length);
        var run = 0;
        for (var i = 0; i < part.Length; i++)
        {
            if (part[i] != '%')
            {
                continue;
            }

            bytes.AddRange(Encoding.UTF8.GetBytes(part[run..i]));
            if (i + 2 >= part.Length || !char.IsAsciiHexDigit(part[i + 1]) || !char.IsAsciiHexDigit(part[i + 2]))
            {
                return null;
            }

            bytes.Add(Convert.ToByte(part.Substring(i + 1, 2), 16));
            i += 2;
            run = i + 1;
        }

        bytes.AddRange(Encoding.UTF8.GetBytes(part[run..]));
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes.ToArray());
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>RFC 3986 pchar: unreserved, sub-delims, ':' and '@' stay; everything else is %XX (upper-case) of its UTF-8.</summary>
    internal static string EncodeSegment(string segment)
    {
        var builder = new StringBuilder(segment.Length);
        foreach (var b in Encoding.UTF8.GetBytes(segment))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || "-._~!$&'()*+,;=:@".Contains(c, StringComparison.Ordinal))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
