using System.Collections.Concurrent;
using Mandate.Core.Gateway;

namespace Mandate.Core.Tests.Fakes;

/// <summary>Tool records in memory, with the store contract's version check. <see cref="BeforeUpdate"/> lets a test race a writer in.</summary>
public sealed class InMemoryToolPolicyStore : IToolPolicyStore
{
    private readonly ConcurrentDictionary<(string, string), ToolPolicy> policies = new();

    public Func<Task>? BeforeUpdate { get; set; }

    public Task<ToolPolicy?> FindAsync(string upstream, string tool, CancellationToken cancellationToken) =>
        Task.FromResult(policies.GetValueOrDefault((upstream, tool)));

    public Task<IReadOnlyList<ToolPolicy>> ListAsync(string upstream, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ToolPolicy>>([.. policies.Values.Where(p => p.Upstream == upstream).OrderBy(p => p.Tool, StringComparer.Ordinal)]);

    public Task<bool> AddAsync(ToolPolicy policy, CancellationToken cancellationToken) =>
        Task.FromResult(policies.TryAdd((policy.Upstream, policy.Tool), policy with { Version = 1 }));

    public async Task<bool> UpdateAsync(ToolPolicy policy, CancellationToken cancellationToken)
    {
        if (BeforeUpdate is { } hook)
        {
            BeforeUpdate = null;
            await hook();
        }

        var key = (policy.Upstream, policy.Tool);
        return policies.TryGetValue(key, out var current)
            && current.Version == policy.Version
            && policies.TryUpdate(key, policy with { Version = policy.Version + 1 }, current);
    }

    public Task<int> RemoveUpstreamAsync(string upstream, CancellationToken cancellationToken)
    {
        var keys = policies.Keys.Where(k => k.Item1 == upstream).ToList();
        keys.ForEach(k => policies.TryRemove(k, out _));
        return Task.FromResult(keys.Count);
    }
}
