using Mandate.Core.Gateway.DataFlow;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Storage.Stores;

/// <summary>Data-flow marks as rows keyed by grant, session or token; marking again only moves the expiry later.</summary>
/// <remarks>Marks are written under the process's <see cref="SqliteWriteLock"/>, shared with the ledger and counter writers, so they queue rather than meet SQLITE_BUSY.</remarks>
public sealed class EfDataFlowTaintStore(IDbContextFactory<MandateDbContext> factory, TimeProvider time, SqliteWriteLock? writeLock = null) : IDataFlowTaintStore
{
    public async Task<bool> IsAnyMarkedAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return false;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.DataFlowTaints.AsNoTracking().AnyAsync(t => keys.Contains(t.Key), cancellationToken);
    }

    public async Task MarkAsync(IReadOnlyList<string> keys, string upstream, string tool, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var now = time.GetUtcNow().UtcTicks;
        var expires = expiresAt.UtcTicks;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (writeLock is not null)
        {
            await writeLock.WaitAsync(cancellationToken);
        }

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var key in keys)
            {
                await db.Database.ExecuteSqlAsync(
                    $"""INSERT INTO data_flow_taints ("Key", "Upstream", "Tool", "MarkedAt", "ExpiresAt") VALUES ({key}, {upstream}, {tool}, {now}, {expires}) ON CONFLICT ("Key") DO UPDATE SET "ExpiresAt" = CASE WHEN excluded."ExpiresAt" > data_flow_taints."ExpiresAt" THEN excluded."ExpiresAt" ELSE data_flow_taints."ExpiresAt" END""",
                    cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            writeLock?.Release();
        }
    }

    public async Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.DataFlowTaints.Where(t => t.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
    }
}
