using System.Collections.Concurrent;
using Mandate.Core.Gateway;

namespace Mandate.Core.Tests.Fakes;

public sealed class InMemoryUpstreamStore : IUpstreamStore
{
    private readonly ConcurrentDictionary<string, Upstream> upstreams = new(StringComparer.Ordinal);

    public Task<Upstream?> FindAsync(string name, CancellationToken cancellationToken) => Task.FromResult(upstreams.GetValueOrDefault(name));

    public Task<IReadOnlyList<Upstream>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Upstream>>([.. upstreams.Values.OrderBy(u => u.Name, StringComparer.Ordinal)]);

    public Task UpsertAsync(Upstream upstream, CancellationToken cancellationToken)
    {
        upstreams[upstream.Name] = upstream;
        return Task.CompletedTask;
    }

    public Task<bool> RemoveAsync(string name, CancellationToken cancellationToken) => Task.FromResult(upstreams.TryRemove(name, out _));
}
