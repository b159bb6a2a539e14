namespace Mandate.Core.Clients;

/// <summary>Durable clients (registered and dynamic). Metadata-document clients are resolved, not stored.</summary>
public interface IClientStore
{
    Task<OAuthClient?> FindAsync(string clientId, CancellationToken cancellationToken);

    Task<IReadOnlyList<OAuthClient>> ListAsync(CancellationToken cancellationToken);

    Task AddAsync(OAuthClient client, CancellationToken cancellationToken);

    Task<bool> RemoveAsync(string clientId, CancellationToken cancellationToken);

    Task<int> CountAsync(ClientSource source, CancellationToken cancellationToken);
}
