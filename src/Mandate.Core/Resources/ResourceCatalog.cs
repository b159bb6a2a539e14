using System.Collections.Concurrent;
using Mandate.Protocol.OAuth;
using Mandate.Protocol.Resources;

namespace Mandate.Core.Resources;

/// <summary>
/// Resolves a <c>resource</c> parameter (RFC 8707) to a registered protected resource, comparing canonical forms.
/// Lookups are cached for two seconds so resources added with the CLI are seen by a running server.
/// </summary>
public sealed class ResourceCatalog(IResourceStore store, TimeProvider time)
{
    private static readonly TimeSpan CacheTtl = TimeSpan.FromSeconds(2);
    private readonly ConcurrentDictionary<string, (ProtectedResource? Resource, DateTimeOffset ExpiresAt)> cache = new(StringComparer.Ordinal);

    /// <summary>One resource per request: Mandate issues audience-bound tokens, one audience each.</summary>
    public async Task<ResourceResolution> ResolveAsync(string? resource, bool repeated, CancellationToken cancellationToken)
    {
        if (repeated)
        {
            return new(null, new OAuthError(OAuthErrorCodes.InvalidTarget, "Request one resource at a time."));
        }

        if (resource is null)
        {
            return new(null, new OAuthError(OAuthErrorCodes.InvalidTarget, "resource is required (RFC 8707)."));
        }

        if (!ResourceIndicator.TryCanonicalize(resource, out var canonical))
        {
            return new(null, new OAuthError(OAuthErrorCodes.InvalidTarget, "resource must be an absolute URI without a fragment."));
        }

        var found = await FindAsync(canonical, cancellationToken);
        return found is null
            ? new(null, new OAuthError(OAuthErrorCodes.InvalidTarget, "resource is not a protected resource known to this server."))
            : new(found, null);
    }

    public async Task<ProtectedResource?> FindAsync(string canonical, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!cache.TryGetValue(canonical, out var entry) || entry.ExpiresAt <= now)
        {
            entry = (await store.FindAsync(canonical, cancellationToken), now + CacheTtl);
            if (cache.Count > 10_000)
            {
                cache.Clear();
            }

            cache[canonical] = entry;
        }

        return entry.Resource;
    }
}
