namespace Mandate.Protocol.OAuth;

/// <summary>
/// Parses and formats the OAuth <c>scope</c> parameter (RFC 6749 §3.3):
/// space-delimited tokens of <c>%x21 / %x23-5B / %x5D-7E</c>.
/// </summary>
public static class ScopeParser
{
    /// <summary>
    /// Parses a scope string. Tokens are separated by one or more spaces (leading and trailing spaces are
    /// tolerated) and de-duplicated, keeping first-seen order. A null or empty string yields an empty list.
    /// </summary>
    /// <param name="scope">The raw <c>scope</c> parameter.</param>
    /// <param name="scopes">The scope tokens on success; an empty list on failure.</param>
    /// <returns>
    /// False when a token contains a character outside the RFC 6749 scope-token set (including tabs,
    /// control characters, <c>"</c>, <c>\</c> and non-ASCII) or when the input consists only of spaces.
    /// </returns>
    public static bool TryParse(string? scope, out IReadOnlyList<string> scopes)
    {
        scopes = [];
        if (string.IsNullOrEmpty(scope))
        {
            return true;
        }

        var result = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in scope.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!IsValidToken(token))
            {
                return false;
            }

            if (seen.Add(token))
            {
                result.Add(token);
            }
        }

        if (result.Count == 0)
        {
            return false;
        }

        scopes = result.AsReadOnly();
        return true;
    }

    /// <summary>Joins scope tokens with single spaces.</summary>
    /// <param name="scopes">The scope tokens.</param>
    /// <returns>The space-delimited scope string (empty for no tokens).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scopes"/> is null.</exception>
    /// <exception cref="ArgumentException">A token is empty or contains a character not allowed in a scope token.</exception>
    public static string Join(IEnumerable<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        var list = scopes.ToList();
        foreach (var token in list)
        {
            if (!IsValidToken(token))
            {
                throw new ArgumentException("Scope tokens must be non-empty and use only RFC 6749 scope-token characters.", nameof(scopes));
            }
        }

        return string.Join(' ', list);
    }

    /// <summary>True when <paramref name="token"/> is a non-empty RFC 6749 scope-token.</summary>
    /// <param name="token">The candidate token.</param>
    /// <returns>True when every character is <c>%x21 / %x23-5B / %x5D-7E</c>.</returns>
    public static bool IsValidToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return false;
        }

        foreach (var c in token)
        {
            if (c is < '\x21' or > '\x7E' or '"' or '\\')
            {
                return false;
            }
        }

        return true;
    }
}
