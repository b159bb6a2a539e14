namespace Mandate.Core.Vault.Connectors;

public interface IConnectorStore
{
    Task<Connector?> FindAsync(string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<Connector>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Adds or replaces the connector with this name.</summary>
    Task UpsertAsync(Connector connector, CancellationToken cancellationToken);

    /// <summary>Removes the connector and every connection to it.</summary>
    Task<bool> RemoveAsync(string name, CancellationToken cancellationToken);
}
