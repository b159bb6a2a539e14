using System.Collections.Concurrent;

namespace Mandate.Core.Gateway;

/// <summary>
/// Keeps tool lookups off the database on the gateway's hot path (every tools/call asks for one tool's record).
/// Lookups are remembered for two seconds; every write through this instance forgets what it touched at once, so the
/// server sees its own changes immediately and another process's (the CLI's) within two seconds.
/// </summary>
public sealed class CachingToolPolicyStore(IToolPolicyStore inner, TimeProvider time) : IToolPolicyStore
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(2);
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<(string Upstream, string Tool), (ToolPolicy? Policy, DateTimeOffset ExpiresAt)> lookups = new();

    public async Task<ToolPolicy?> FindAsync(string upstream, string tool, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (lookups.TryGetValue((upstream, tool), out var cached) && cached.ExpiresAt > now)
        {
            return cached.Policy;
        }

        var policy = await inner.FindAsync(upstream, tool, cancellationToken);
        if (lookups.Count >= MaxEntries)
        {
            lookups.Clear();
        }

        lookups[(upstream, tool)] = (policy, now + Ttl);
        return policy;
    }

    public Task<IReadOnlyList<ToolPolicy>> ListAsync(string upstream, CancellationToken cancellationToken) =>
        inner.ListAsync(upstream, cancellationToken);

    public async Task<bool> AddAsync(ToolPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        lookups.TryRemove((policy.Upstream, policy.Tool), out _);
        var added = await inner.AddAsync(policy, cancellationToken);
        lookups.TryRemove((policy.Upstream, policy.Tool), out _);
        return added;
    }

    public async Task<bool> UpdateAsync(ToolPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        lookups.TryRemove((policy.Upstream, policy.Tool), out _);
        var updated = await inner.UpdateAsync(policy, cancellationToken);
        lookups.TryRemove((policy.Upstream, policy.Tool), out _);
        return updated;
    }

    public async Task<int> RemoveUpstreamAsync(string upstream, CancellationToken cancellationToken)
    {
        var removed = await inner.RemoveUpstreamAsync(upstream, cancellationToken);
        foreach (var key in lookups.Keys.Where(k => k.Upstream == upstream))
        {
            lookups.TryRemove(key, out _);
        }

        return removed;
    }
}
