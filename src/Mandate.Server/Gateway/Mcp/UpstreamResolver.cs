using System.Collections.Concurrent;
using Mandate.Core.Configuration;
using Mandate.Core.Gateway;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Gateway.Mcp;

/// <summary>
/// Finds upstreams by name for every gateway request without a store read (and a header decryption) each time:
/// answers, found or not, are kept a few seconds, so `mandate upstreams add/remove` reach a running server quickly.
/// </summary>
public sealed class UpstreamResolver(IUpstreamStore store, IOptions<MandateOptions> options, TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);
    private const int MaxEntries = 1024;

    private readonly ConcurrentDictionary<string, (ResolvedUpstream? Upstream, DateTimeOffset At)> cache = new(StringComparer.Ordinal);

    public async ValueTask<ResolvedUpstream?> FindAsync(string name, CancellationToken cancellationToken)
    {
        if (!UpstreamRegistration.IsValidName(name))
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (cache.TryGetValue(name, out var cached) && now - cached.At < Lifetime)
        {
            return cached.Upstream;
        }

        var upstream = await store.FindAsync(name, cancellationToken);
        var resolved = upstream is null ? null : ResolvedUpstream.For(upstream, options.Value.Issuer);
        if (cache.Count >= MaxEntries)
        {
            cache.Clear();
        }

        cache[name] = (resolved, now);
        return resolved;
    }

    public async Task<IReadOnlyList<ResolvedUpstream>> ListAsync(CancellationToken cancellationToken) =>
        (await store.ListAsync(cancellationToken)).Select(u => ResolvedUpstream.For(u, options.Value.Issuer)).ToList();
}
