using Mandate.Core.Configuration;
using Mandate.Core.Security;
using Mandate.Core.Vault.Broker;
using Mandate.Core.Vault.Connections;
using Mandate.Core.Vault.Connectors;
using Mandate.Core.Vault.Providers;
using Microsoft.Extensions.Options;

namespace Mandate.Core.Vault.Refresh;

/// <summary>
/// Refreshes one connection under the store's lease: only the lease holder reads the refresh token, sends it, and
/// writes back what the provider returned (a rotated refresh token replaces the old one in the same conditional
/// update that releases the lease). invalid_grant and the like mark the connection "reconnect needed"; every outcome
/// is in the ledger.
/// </summary>
public sealed class ConnectionRefresher(
    IConnectorStore connectors,
    IConnectionStore connections,
    ConnectionSealing sealing,
    ProviderClient provider,
    CredentialMemoryCache cache,
    VaultAudit audit,
    IOptions<MandateOptions> options,
    TimeProvider time)
{
    private readonly string instance = RandomTokens.Create(9);

    public async Task<RefreshOutcome> RefreshAsync(string userId, string connectorName, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var holder = instance + "." + RandomTokens.Create(6);
        if (!await connections.TryTakeLeaseAsync(userId, connectorName, holder, now, now + options.Value.Vault.RefreshLease, cancellationToken))
        {
            return await connections.FindAsync(userId, connectorName, cancellationToken) is null ? RefreshOutcome.NotRefreshable : RefreshOutcome.Busy;
        }

        try
        {
            return await RefreshLeasedAsync(userId, connectorName, holder, cancellationToken);
        }
        catch
        {
            await connections.ReleaseLeaseAsync(userId, connectorName, holder, RefreshSchedule.RetryAt(time.GetUtcNow()), CancellationToken.None);
            throw;
        }
    }

    private async Task<RefreshOutcome> RefreshLeasedAsync(string userId, string connectorName, string holder, CancellationToken cancellationToken)
    {
        // Read again under the lease: another instance may have refreshed (and rotated the refresh token) meanwhile.
        var connection = await connections.FindAsync(userId, connectorName, cancellationToken);
        var connector = await connectors.FindAsync(connectorName, cancellationToken);
        if (connection is null || connector is not { Kind: ConnectorKind.OAuth })
        {
            await connections.ReleaseLeaseAsync(userId, connectorName, holder, null, cancellationToken);
            return RefreshOutcome.NotRefreshable;
        }

        var credential = await sealing.OpenAsync(connection, connector.Kind, cancellationToken);
        if (credential?.RefreshToken is null)
        {
            return await GiveUpAsync(userId, connectorName, holder, credential is null ? "credential_unreadable" : "no_refresh_token", cancellationToken);
        }

        using var dpopKey = ProviderDpopKey.FromPrivateJwk(credential.DpopKey);
        var tokens = await provider.TokenAsync(connector, [new("grant_type", "refresh_token"), new("refresh_token", credential.RefreshToken)], dpopKey, cancellationToken);
        if (tokens.Success)
        {
            var now = time.GetUtcNow();
            var expiresAt = tokens.ExpiresIn is { } seconds ? now.AddSeconds(seconds) : (DateTimeOffset?)null;
            var rotated = tokens.RefreshToken ?? credential.RefreshToken;
            var updated = new StoredCredential { AccessToken = tokens.AccessToken, RefreshToken = rotated, TokenType = tokens.TokenType ?? credential.TokenType, DpopKey = credential.DpopKey };
            var sealedCredential = await sealing.SealAsync(userId, connectorName, connector.Kind, updated, cancellationToken);
            var refreshed = new RefreshedCredential(sealedCredential, expiresAt, RefreshSchedule.DueAt(now, expiresAt, canRefresh: true, options.Value.Vault), tokens.Scope, now);
            var stored = await connections.CompleteRefreshAsync(userId, connectorName, holder, refreshed, cancellationToken);
            cache.Invalidate(userId, connectorName);
            await audit.RecordAsync(
                stored ? VaultAudit.RefreshKind : VaultAudit.RefreshFailedKind,
                stored ? "allow" : "error",
                userId,
                connectorName,
                stored ? (tokens.RefreshToken is not null ? "refresh token rotated" : null) : "lease lost before the refreshed tokens were stored",
                cancellationToken);
            return stored ? RefreshOutcome.Refreshed : RefreshOutcome.Failed;
        }

        if (tokens.IsPermanentFailure)
        {
            return await GiveUpAsync(userId, connectorName, holder, tokens.Error!, cancellationToken);
        }

        await connections.ReleaseLeaseAsync(userId, connectorName, holder, RefreshSchedule.RetryAt(time.GetUtcNow()), cancellationToken);
        await audit.RecordAsync(VaultAudit.RefreshFailedKind, "error", userId, connectorName, tokens.Error, cancellationToken);
        return RefreshOutcome.Failed;
    }

    private async Task<RefreshOutcome> GiveUpAsync(string userId, string connectorName, string holder, string reason, CancellationToken cancellationToken)
    {
        await connections.MarkReconnectNeededAsync(userId, connectorName, holder, reason, time.GetUtcNow(), cancellationToken);
        cache.Invalidate(userId, connectorName);
        await audit.RecordAsync(VaultAudit.RefreshFailedKind, "deny", userId, connectorName, reason, cancellationToken);
        return RefreshOutcome.ReconnectNeeded;
    }
}
