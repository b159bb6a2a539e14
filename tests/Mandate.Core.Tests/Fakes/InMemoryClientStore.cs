using System.Collections.Concurrent;
using Mandate.Core.Clients;

namespace Mandate.Core.Tests.Fakes;

public sealed class InMemoryClientStore : IClientStore
{
    private readonly ConcurrentDictionary<string, OAuthClient> clients = new(StringComparer.Ordinal);

    public Task<OAuthClient?> FindAsync(string clientId, CancellationToken cancellationToken) =>
        Task.FromResult(clients.GetValueOrDefault(clientId));

    public Task<IReadOnlyList<OAuthClient>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OAuthClient>>([.. clients.Values]);

    public Task AddAsync(OAuthClient client, CancellationToken cancellationToken)
    {
        clients[client.ClientId] = client;
        return Task.CompletedTask;
    }

    public Task<bool> RemoveAsync(string clientId, CancellationToken cancellationToken) => Task.FromResult(clients.TryRemove(clientId, out _));

    public Task<int> CountAsync(ClientSource source, CancellationToken cancellationToken) => Task.FromResult(clients.Values.Count(c => c.Source == source));
}
