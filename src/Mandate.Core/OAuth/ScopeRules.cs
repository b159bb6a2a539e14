using Mandate.Core.Clients;
using Mandate.Core.Resources;
using Mandate.Protocol.OAuth;

namespace Mandate.Core.OAuth;

/// <summary>
/// Which scopes a request gets: each requested scope must be offered by the resource and allowed to the client.
/// With no scope requested, the request gets everything the client may have at that resource. Only an operator's list
/// limits what a client may ask for: the scope a client registered itself with (RFC 7591) or put in its metadata
/// document is its own word, only a default, since it could register again with more; the person's consent is the
/// limit there. MCP clients register with the scope of the first challenge and must be able to step up later.
/// </summary>
public static class ScopeRules
{
    public static ScopeResolution Resolve(string? requested, OAuthClient client, ProtectedResource resource)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(resource);
        if (!ScopeParser.TryParse(requested, out var scopes))
        {
            return new ScopeResolution([], OAuthError.InvalidScope("scope is malformed."));
        }

        var allowed = resource.Scopes.Where(s => client.Scopes.Count == 0 || client.Scopes.Contains(s, StringComparer.Ordinal)).ToList();
        if (scopes.Count == 0)
        {
            return new ScopeResolution(allowed, null);
        }

        var askable = client.Source == ClientSource.Registered ? allowed : resource.Scopes;
        var refused = scopes.FirstOrDefault(s => !askable.Contains(s, StringComparer.Ordinal));
        return refused is null
            ? new ScopeResolution(scopes, null)
            : new ScopeResolution([], OAuthError.InvalidScope($"Scope '{refused}' is not available to this client at this resource."));
    }

    /// <summary>A hop may only narrow: the requested scopes must all be in the granted set.</summary>
    public static ScopeResolution Narrow(string? requested, IReadOnlyList<string> granted)
    {
        ArgumentNullException.ThrowIfNull(granted);
        if (!ScopeParser.TryParse(requested, out var scopes))
        {
            return new ScopeResolution([], OAuthError.InvalidScope("scope is malformed."));
        }

        if (scopes.Count == 0)
        {
            return new ScopeResolution(granted, null);
        }

        var refused = scopes.FirstOrDefault(s => !granted.Contains(s, StringComparer.Ordinal));
        return refused is null
            ? new ScopeResolution(scopes, null)
            : new ScopeResolution([], OAuthError.InvalidScope($"Scope '{refused}' was not granted."));
    }
}
