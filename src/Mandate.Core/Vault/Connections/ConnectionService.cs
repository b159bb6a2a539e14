using Mandate.Core.Vault.Broker;
using Mandate.Core.Vault.Connectors;
using Mandate.Core.Vault.Providers;

namespace Mandate.Core.Vault.Connections;

/// <summary>A person's own connections: paste an API key, disconnect (revoking at the provider first).</summary>
public sealed class ConnectionService(
    IConnectorStore connectors,
    IConnectionStore connections,
    ConnectionSealing sealing,
    ProviderClient provider,
    CredentialMemoryCache cache,
    VaultAudit audit,
    TimeProvider time)
{
    public const int MaxApiKeyLength = 8192;

    /// <summary>Stores a pasted API key; null on success, else a message for the person.</summary>
    public async Task<string?> SaveApiKeyAsync(string userId, string connectorName, string? apiKey, CancellationToken cancellationToken)
    {
        var connector = await connectors.FindAsync(connectorName, cancellationToken);
        if (connector is not { Kind: ConnectorKind.ApiKey })
        {
            return "No such API-key connector.";
        }

        var key = apiKey?.Trim();
        if (string.IsNullOrEmpty(key) || key.Length > MaxApiKeyLength || key.Any(char.IsControl))
        {
            return "Paste the key: one line, without control characters.";
        }

        var now = time.GetUtcNow();
        await connections.UpsertAsync(
            new Connection
            {
                UserId = userId,
                Connector = connector.Name,
                SealedCredential = await sealing.SealAsync(userId, connector.Name, connector.Kind, new StoredCredential { ApiKey = key }, cancellationToken),
                CreatedAt = now,
                UpdatedAt = now,
            },
            cancellationToken);
        cache.Invalidate(userId, connector.Name);
        await audit.RecordAsync(VaultAudit.ConnectKind, "allow", userId, connector.Name, "api key", cancellationToken);
        return null;
    }

    /// <summary>
    /// Revokes the tokens at the provider (RFC 7009, refresh token first, which ends the grant at most providers) when
    /// it has a revocation endpoint, then deletes the connection whatever the provider said. False when there was none.
    /// </summary>
    public async Task<bool> DisconnectAsync(string userId, string connectorName, CancellationToken cancellationToken)
    {
        var connection = await connections.FindAsync(userId, connectorName, cancellationToken);
        if (connection is null)
        {
            return false;
        }

        var connector = await connectors.FindAsync(connectorName, cancellationToken);
        string? revoked = null;
        if (connector is { Kind: ConnectorKind.OAuth, RevocationEndpoint: not null }
            && await sealing.OpenAsync(connection, connector.Kind, cancellationToken) is { } credential)
        {
            var refreshOk = credential.RefreshToken is null || await provider.RevokeAsync(connector, credential.RefreshToken, "refresh_token", cancellationToken);
            var accessOk = credential.AccessToken is null || await provider.RevokeAsync(connector, credential.AccessToken, "access_token", cancellationToken);
            revoked = refreshOk && accessOk ? "revoked at provider" : "revocation at provider failed";
        }

        var removed = await connections.RemoveAsync(userId, connectorName, cancellationToken);
        cache.Invalidate(userId, connectorName);
        if (removed)
        {
            await audit.RecordAsync(VaultAudit.DisconnectKind, "allow", userId, connectorName, revoked ?? "not revocable", cancellationToken);
        }

        return removed;
    }
}
