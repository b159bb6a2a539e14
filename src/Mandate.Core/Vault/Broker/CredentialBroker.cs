using Mandate.Core.Configuration;
using Mandate.Core.Vault.Connections;
using Mandate.Core.Vault.Connectors;
using Mandate.Core.Vault.Refresh;
using Microsoft.Extensions.Options;

namespace Mandate.Core.Vault.Broker;

/// <summary>
/// Finds the credential to attach for a person at a connector: from the in-memory cache while it is fresh (bounded by
/// Vault:CredentialCacheLifetime and the token's own expiry), else from the store, refreshing a stale access token
/// first (or waiting for the instance that holds the refresh lease).
/// </summary>
public sealed class CredentialBroker(
    IConnectorStore connectors,
    IConnectionStore connections,
    ConnectionSealing sealing,
    ConnectionRefresher refresher,
    CredentialMemoryCache cache,
    ConnectionsUrl urls,
    IOptions<MandateOptions> options,
    TimeProvider time) : ICredentialBroker
{
    /// <summary>A token this close to expiry is refreshed before use: it could expire on its way to the upstream.</summary>
    public static readonly TimeSpan UseSkew = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan BusyPoll = TimeSpan.FromMilliseconds(200);

    public async Task<CredentialResult> GetAsync(string userId, string connector, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(connector);
        if (cache.Get(userId, connector, time.GetUtcNow()) is { } cached)
        {
            return CredentialResult.Available(cached);
        }

        var definition = await connectors.FindAsync(connector, cancellationToken);
        if (definition is null)
        {
            return CredentialResult.UnknownConnector;
        }

        var deadline = time.GetUtcNow() + options.Value.Vault.RefreshLease;
        while (true)
        {
            var connection = await connections.FindAsync(userId, connector, cancellationToken);
            if (connection is null)
            {
                return CredentialResult.NotConnected(urls.For(connector));
            }

            if (connection.Status == ConnectionStatus.ReconnectNeeded)
            {
                return CredentialResult.ReconnectNeeded(urls.For(connector), connection.LastError);
            }

            var now = time.GetUtcNow();
            if (definition.Kind == ConnectorKind.OAuth && RefreshSchedule.IsStale(now, connection.ExpiresAt, UseSkew))
            {
                var outcome = await refresher.RefreshAsync(userId, connector, cancellationToken);
                switch (outcome)
                {
                    case RefreshOutcome.Refreshed:
                        continue;
                    case RefreshOutcome.Busy when now < deadline:
                        await Task.Delay(BusyPoll, time, cancellationToken);
                        continue;
                    case RefreshOutcome.ReconnectNeeded:
                        var dead = await connections.FindAsync(userId, connector, cancellationToken);
                        return CredentialResult.ReconnectNeeded(urls.For(connector), dead?.LastError);
                    case RefreshOutcome.NotRefreshable:
                        return CredentialResult.NotConnected(urls.For(connector));
                    default:
                        return CredentialResult.Unavailable("the provider could not be reached to refresh the token");
                }
            }

            return await OpenAsync(connection, definition, now, cancellationToken);
        }
    }

    private async Task<CredentialResult> OpenAsync(Connection connection, Connector definition, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stored = await sealing.OpenAsync(connection, definition.Kind, cancellationToken);
        var value = definition.Kind == ConnectorKind.ApiKey ? stored?.ApiKey : stored?.AccessToken;
        if (string.IsNullOrEmpty(value))
        {
            return CredentialResult.ReconnectNeeded(urls.For(definition.Name), "credential_unreadable");
        }

        if (stored!.DpopKey is not null && !HasUsableDpopKey(stored.DpopKey))
        {
            // A DPoP-bound token is useless without its key: the person must connect again (a new key, new tokens).
            return CredentialResult.ReconnectNeeded(urls.For(definition.Name), "dpop_key_unreadable");
        }

        var credential = new BrokeredCredential(definition.Name, definition.Kind, value, definition.Kind == ConnectorKind.ApiKey ? "ApiKey" : stored!.TokenType ?? "Bearer", connection.ExpiresAt)
        {
            DpopKey = stored?.DpopKey,
        };
        var until = now + options.Value.Vault.CredentialCacheLifetime;
        if (connection.ExpiresAt is { } expiry && expiry - UseSkew < until)
        {
            until = expiry - UseSkew;
        }

        if (until > now)
        {
            cache.Set(connection.UserId, definition.Name, credential, until);
        }

        return CredentialResult.Available(credential);
    }

    private static bool HasUsableDpopKey(string jwk)
    {
        using var key = Providers.ProviderDpopKey.FromPrivateJwk(jwk);
        return key is not null;
    }
}
