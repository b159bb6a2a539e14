using Mandate.Core.Gateway;

namespace Mandate.Core.OAuth.Exchange;

/// <summary>
/// Whether a set of scopes is covered by another: each scope is held outright, or is a gateway scope implied by a
/// higher one (mcp:destructive covers mcp:write and mcp:read). Token exchange only ever narrows.
/// </summary>
public static class ScopeNarrowing
{
    /// <summary>The first requested scope the granted set does not cover, or null when all are covered.</summary>
    public static string? FirstUncovered(IReadOnlyCollection<string> granted, IEnumerable<string> requested)
    {
        ArgumentNullException.ThrowIfNull(granted);
        ArgumentNullException.ThrowIfNull(requested);
        return requested.FirstOrDefault(scope => !Covers(granted, scope));
    }

    public static bool Covers(IReadOnlyCollection<string> granted, string scope)
    {
        ArgumentNullException.ThrowIfNull(granted);
        if (granted.Contains(scope, StringComparer.Ordinal))
        {
            return true;
        }

        return GatewayScopes.HighestAllowed([scope]) is { } level && GatewayScopes.Allows(granted, level);
    }
}
