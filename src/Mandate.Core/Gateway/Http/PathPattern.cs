namespace Mandate.Core.Gateway.Http;

/// <summary>
/// A rule's path: literal segments, "*" (exactly one segment) and, as the last segment only, "**" (any number of
/// segments, none included). Literal segments are decoded and checked like request paths (<see cref="HttpPath"/>), so
/// a pattern matches exactly the requests whose decoded path it names, however they were encoded.
/// </summary>
public sealed class PathPattern
{
    private readonly IReadOnlyList<string> segments;

    private PathPattern(IReadOnlyList<string> segments)
    {
        this.segments = segments;
        Literals = segments.Count(s => s is not "*" and not "**");
        OpenEnded = segments.Count > 0 && segments[^1] == "**";
    }

    /// <summary>How many segments must be equal; more is more specific.</summary>
    public int Literals { get; }

    /// <summary>Ends in "**"; a pattern of fixed length is more specific than one without an end.</summary>
    public bool OpenEnded { get; }

    /// <summary>The canonical text: "/" + segments, literals encoded as they are sent upstream.</summary>
    public string Text => "/" + string.Join('/', segments.Select(s => s is "*" or "**" ? s : HttpPath.EncodeSegment(s)));

    public override string ToString() => Text;

    public static PathPattern? Parse(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0 || text[0] != '/')
        {
            error = "--path must start with '/'";
            return null;
        }

        if (HttpPath.Parse(text, allowWildcards: true, out error) is not { } path)
        {
            error = "--path: " + error;
            return null;
        }

        for (var i = 0; i < path.Segments.Count - 1; i++)
        {
            if (path.Segments[i] == "**")
            {
                error = "--path: '**' may only be the last segment";
                return null;
            }
        }

        if (path.Segments.Any(s => s.Contains('*', StringComparison.Ordinal) && s is not "*" and not "**"))
        {
            error = "--path: '*' stands for a whole segment ('/a/*/b'), not part of one";
            return null;
        }

        return new PathPattern(path.Segments);
    }

    public bool Matches(HttpPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var actual = path.Segments;
        if (OpenEnded ? actual.Count < segments.Count - 1 : actual.Count != segments.Count)
        {
            return false;
        }

        for (var i = 0; i < segments.Count; i++)
        {
            var pattern = segments[i];
            if (pattern == "**")
            {
                return true;
            }

            if (pattern != "*" && !string.Equals(pattern, actual[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
