using System.Collections.Concurrent;

namespace Mandate.Core.Security;

public sealed class InMemoryReplayCache(TimeProvider time) : IReplayCache
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> seen = new(StringComparer.Ordinal);
    private int additions;

    public Task<bool> TryAddAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (Interlocked.Increment(ref additions) % 1024 == 0)
        {
            foreach (var (k, expiry) in seen)
            {
                if (expiry <= now)
                {
                    seen.TryRemove(k, out _);
                }
            }
        }

        while (true)
        {
            if (seen.TryAdd(key, expiresAt))
            {
                return Task.FromResult(true);
            }

            if (seen.TryGetValue(key, out var existing) && existing > now)
            {
                return Task.FromResult(false);
            }

            if (seen.TryUpdate(key, expiresAt, existing))
            {
                return Task.FromResult(true);
            }
        }
    }
}
