using System.Collections.Concurrent;
using Mandate.Core.Resources;

namespace Mandate.Core.Tests.Fakes;

public sealed class InMemoryResourceStore : IResourceStore
{
    private readonly ConcurrentDictionary<string, ProtectedResource> resources = new(StringComparer.Ordinal);

    public Task<ProtectedResource?> FindAsync(string canonicalUri, CancellationToken cancellationToken) =>
        Task.FromResult(resources.GetValueOrDefault(canonicalUri));

    public Task<IReadOnlyList<ProtectedResource>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ProtectedResource>>([.. resources.Values]);

    public Task UpsertAsync(ProtectedResource resource, CancellationToken cancellationToken)
    {
        resources[resource.Uri] = resource;
        return Task.CompletedTask;
    }

    public Task<bool> RemoveAsync(string canonicalUri, CancellationToken cancellationToken) => Task.FromResult(resources.TryRemove(canonicalUri, out _));
}
