using System.Collections.Concurrent;

namespace Mandate.Core.Gateway.Http;

/// <summary>
/// The level each HTTP request needs, from its upstream's rules compiled once and kept two seconds (like tool
/// records), so a request does not read the store and a rule added with the CLI reaches a running server quickly.
/// </summary>
public sealed class HttpRulePolicy(IHttpRuleStore store, TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(2);
    private const int MaxEntries = 1024;

    private readonly ConcurrentDictionary<string, (HttpRuleSet Rules, DateTimeOffset At)> cache = new(StringComparer.Ordinal);

    public async ValueTask<HttpClassification> ClassifyAsync(string upstream, string method, HttpPath path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        var now = time.GetUtcNow();
        if (!cache.TryGetValue(upstream, out var cached) || now - cached.At >= Lifetime)
        {
            cached = (new HttpRuleSet(await store.ListAsync(upstream, cancellationToken)), now);
            if (cache.Count >= MaxEntries)
            {
                cache.Clear();
            }

            cache[upstream] = cached;
        }

        return cached.Rules.Classify(method, path);
    }

    /// <summary>Drops the cached rules of an upstream (this process changed them).</summary>
    public void Forget(string upstream) => cache.TryRemove(upstream, out _);
}
