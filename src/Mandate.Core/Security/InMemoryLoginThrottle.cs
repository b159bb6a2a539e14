using System.Collections.Concurrent;
using Mandate.Core.Configuration;
using Microsoft.Extensions.Options;

namespace Mandate.Core.Security;

/// <summary>
/// Counts failures per key ("u:" + username, "a:" + address) in a fixed window; at the limit the key is locked for
/// the lockout duration. Success clears the username's counter but not the address's (one address guessing many users).
/// </summary>
public sealed class InMemoryLoginThrottle(IOptions<MandateOptions> options, TimeProvider time) : ILoginThrottle
{
    private readonly ConcurrentDictionary<string, Counter> counters = new(StringComparer.Ordinal);

    public DateTimeOffset? LockedUntil(string username, string address)
    {
        var now = time.GetUtcNow();
        DateTimeOffset? until = null;
        foreach (var key in Keys(username, address))
        {
            if (counters.TryGetValue(key, out var counter) && counter.LockedUntil is { } locked && locked > now)
            {
                until = until is null || locked > until ? locked : until;
            }
        }

        return until;
    }

    public void RecordFailure(string username, string address)
    {
        var settings = options.Value.Login;
        var now = time.GetUtcNow();
        foreach (var key in Keys(username, address))
        {
            var limit = key.StartsWith("a:", StringComparison.Ordinal) ? settings.MaxFailures * 4 : settings.MaxFailures;
            counters.AddOrUpdate(
                key,
                _ => new Counter(now, 1, null),
                (_, c) =>
                {
                    var fresh = now - c.WindowStart > settings.FailureWindow ? new Counter(now, 0, null) : c;
                    var failures = fresh.Failures + 1;
                    return fresh with { Failures = failures, LockedUntil = failures >= limit ? now + settings.LockoutDuration : fresh.LockedUntil };
                });
        }

        if (counters.Count > 100_000)
        {
            foreach (var (key, counter) in counters)
            {
                if (now - counter.WindowStart > settings.FailureWindow && (counter.LockedUntil is null || counter.LockedUntil < now))
                {
                    counters.TryRemove(key, out _);
                }
            }
        }
    }

    public void RecordSuccess(string username, string address) => counters.TryRemove("u:" + Normalize(username), out _);

    private static string[] Keys(string username, string address) => ["u:" + Normalize(username), "a:" + address];

    private static string Normalize(string username) => username.Trim().ToUpperInvariant();

    private sealed record Counter(DateTimeOffset WindowStart, int Failures, DateTimeOffset? LockedUntil);
}
