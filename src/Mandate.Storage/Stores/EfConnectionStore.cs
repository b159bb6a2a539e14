using Mandate.Core.Vault.Connections;
using Mandate.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Storage.Stores;

/// <summary>
/// People's connections. The refresh lease is one conditional UPDATE (holder and expiry in the row), which the
/// database serializes: of several instances racing for it, exactly one sees a changed row.
/// </summary>
public sealed class EfConnectionStore(IDbContextFactory<MandateDbContext> factory) : IConnectionStore
{
    private static readonly string Connected = ConnectionStatus.Connected.ToString();

    public async Task<Connection?> FindAsync(string userId, string connector, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entity = await db.Connections.AsNoTracking().FirstOrDefaultAsync(c => c.UserId == userId && c.Connector == connector, cancellationToken);
        return entity is null ? null : ToModel(entity);
    }

    public async Task<IReadOnlyList<Connection>> ListForUserAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entities = await db.Connections.AsNoTracking().Where(c => c.UserId == userId).OrderBy(c => c.Connector).ToListAsync(cancellationToken);
        return entities.Select(ToModel).ToList();
    }

    public async Task<IReadOnlyList<Connection>> ListAsync(string? connector, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var query = db.Connections.AsNoTracking();
        if (connector is not null)
        {
            query = query.Where(c => c.Connector == connector);
        }

        var entities = await query.OrderBy(c => c.Connector).ThenBy(c => c.UserId).ToListAsync(cancellationToken);
        return entities.Select(ToModel).ToList();
    }

    public async Task UpsertAsync(Connection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entity = await db.Connections.FirstOrDefaultAsync(c => c.UserId == connection.UserId && c.Connector == connection.Connector, cancellationToken);
        if (entity is null)
        {
            entity = new ConnectionEntity { UserId = connection.UserId, Connector = connection.Connector, CreatedAt = connection.CreatedAt };
            db.Connections.Add(entity);
        }

        entity.Status = connection.Status.ToString();
        entity.SealedCredential = connection.SealedCredential;
        entity.ExpiresAt = connection.ExpiresAt;
        entity.RefreshDueAt = connection.RefreshDueAt;
        entity.Scope = connection.Scope;
        entity.LastError = connection.LastError;
        entity.UpdatedAt = connection.UpdatedAt;
        entity.LastRefreshedAt = connection.LastRefreshedAt;
        entity.LeaseHolder = null;
        entity.LeaseUntil = 0;
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<bool> RemoveAsync(string userId, string connector, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Connections.Where(c => c.UserId == userId && c.Connector == connector).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    public async Task<IReadOnlyList<Connection>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var ticks = now.UtcTicks;
        var entities = await db.Connections.AsNoTracking()
            .Where(c => c.Status == Connected && c.RefreshDueAt != null && c.RefreshDueAt <= now && c.LeaseUntil < ticks)
            .OrderBy(c => c.RefreshDueAt)
            .Take(limit)
            .ToListAsync(cancellationToken);
        return entities.Select(ToModel).ToList();
    }

    public async Task<bool> TryTakeLeaseAsync(string userId, string connector, string holder, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var nowTicks = now.UtcTicks;
        var untilTicks = until.UtcTicks;
        return await db.Connections
            .Where(c => c.UserId == userId && c.Connector == connector && c.LeaseUntil < nowTicks)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LeaseHolder, holder).SetProperty(c => c.LeaseUntil, untilTicks), cancellationToken) == 1;
    }

    public async Task<bool> CompleteRefreshAsync(string userId, string connector, string holder, RefreshedCredential refreshed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(refreshed);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Connections
            .Where(c => c.UserId == userId && c.Connector == connector && c.LeaseHolder == holder)
            .ExecuteUpdateAsync(
                s => s.SetProperty(c => c.SealedCredential, refreshed.SealedCredential)
                    .SetProperty(c => c.ExpiresAt, refreshed.ExpiresAt)
                    .SetProperty(c => c.RefreshDueAt, refreshed.RefreshDueAt)
                    .SetProperty(c => c.Scope, c => refreshed.Scope ?? c.Scope)
                    .SetProperty(c => c.Status, Connected)
                    .SetProperty(c => c.LastError, (string?)null)
                    .SetProperty(c => c.LastRefreshedAt, refreshed.RefreshedAt)
                    .SetProperty(c => c.UpdatedAt, refreshed.RefreshedAt)
                    .SetProperty(c => c.LeaseHolder, (string?)null)
                    .SetProperty(c => c.LeaseUntil, 0L),
                cancellationToken) == 1;
    }

    public async Task<bool> MarkReconnectNeededAsync(string userId, string connector, string holder, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var status = ConnectionStatus.ReconnectNeeded.ToString();
        return await db.Connections
            .Where(c => c.UserId == userId && c.Connector == connector && c.LeaseHolder == holder)
            .ExecuteUpdateAsync(
                s => s.SetProperty(c => c.Status, status)
                    .SetProperty(c => c.LastError, reason)
                    .SetProperty(c => c.RefreshDueAt, (DateTimeOffset?)null)
                    .SetProperty(c => c.UpdatedAt, now)
                    .SetProperty(c => c.LeaseHolder, (string?)null)
                    .SetProperty(c => c.LeaseUntil, 0L),
                cancellationToken) == 1;
    }

    public async Task ReleaseLeaseAsync(string userId, string connector, string holder, DateTimeOffset? retryAt, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Connections
            .Where(c => c.UserId == userId && c.Connector == connector && c.LeaseHolder == holder)
            .ExecuteUpdateAsync(
                s => s.SetProperty(c => c.LeaseHolder, (string?)null)
                    .SetProperty(c => c.LeaseUntil, 0L)
                    .SetProperty(c => c.RefreshDueAt, c => retryAt ?? c.RefreshDueAt),
                cancellationToken);
    }

    private static Connection ToModel(ConnectionEntity e) => new()
    {
        UserId = e.UserId,
        Connector = e.Connector,
        Status = Enum.Parse<ConnectionStatus>(e.Status),
        SealedCredential = e.SealedCredential,
        ExpiresAt = e.ExpiresAt,
        RefreshDueAt = e.RefreshDueAt,
        Scope = e.Scope,
        LastError = e.LastError,
        CreatedAt = e.CreatedAt,
        UpdatedAt = e.UpdatedAt,
        LastRefreshedAt = e.LastRefreshedAt,
    };
}
