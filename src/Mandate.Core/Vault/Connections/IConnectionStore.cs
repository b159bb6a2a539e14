namespace Mandate.Core.Vault.Connections;

/// <summary>
/// Connections, with the refresh lease: a conditional update that only one taker wins, so several Mandate instances
/// never send the same refresh token twice (a rotating provider would treat the second as replay and revoke the family).
/// </summary>
public interface IConnectionStore
{
    Task<Connection?> FindAsync(string userId, string connector, CancellationToken cancellationToken);

    Task<IReadOnlyList<Connection>> ListForUserAsync(string userId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Connection>> ListAsync(string? connector, CancellationToken cancellationToken);

    /// <summary>Adds or replaces the person's connection (a new connect), clearing any lease.</summary>
    Task UpsertAsync(Connection connection, CancellationToken cancellationToken);

    Task<bool> RemoveAsync(string userId, string connector, CancellationToken cancellationToken);

    /// <summary>Connected connections whose refresh is due at or before <paramref name="now"/> and not leased, soonest first.</summary>
    Task<IReadOnlyList<Connection>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>Takes the refresh lease if nobody holds an unexpired one; true for exactly one of concurrent takers.</summary>
    Task<bool> TryTakeLeaseAsync(string userId, string connector, string holder, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Stores the refreshed credential and releases the lease, if <paramref name="holder"/> still holds it.</summary>
    Task<bool> CompleteRefreshAsync(string userId, string connector, string holder, RefreshedCredential refreshed, CancellationToken cancellationToken);

    /// <summary>Marks the connection as needing a reconnect and releases the lease, if <paramref name="holder"/> still holds it.</summary>
    Task<bool> MarkReconnectNeededAsync(string userId, string connector, string holder, string reason, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Gives up the lease (a transient failure: another attempt may follow later).</summary>
    Task ReleaseLeaseAsync(string userId, string connector, string holder, DateTimeOffset? retryAt, CancellationToken cancellationToken);
}
