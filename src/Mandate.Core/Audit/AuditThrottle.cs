using System.Collections.Concurrent;

namespace Mandate.Core.Audit;

/// <summary>A fixed one-minute window per key: at most <c>limit</c> acquisitions per key per window.</summary>
public sealed class AuditThrottle(int limit, TimeProvider time)
{
    private const int MaxKeys = 10_000;
    private readonly ConcurrentDictionary<string, Window> windows = new(StringComparer.Ordinal);

    public bool TryAcquire(string key)
    {
        var minute = time.GetUtcNow().ToUnixTimeSeconds() / 60;
        if (windows.Count > MaxKeys)
        {
            // Many addresses at once: forget them all rather than grow without bound (the log still counts).
            windows.Clear();
        }

        var window = windows.AddOrUpdate(key, _ => new Window(minute, 1), (_, w) => w.Minute == minute ? w with { Count = w.Count + 1 } : new Window(minute, 1));
        return window.Count <= limit;
    }

    private sealed record Window(long Minute, int Count);
}
