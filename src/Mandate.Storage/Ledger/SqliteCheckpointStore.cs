using Mandate.Core.Ledger;
using Mandate.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Storage.Ledger;

public sealed class SqliteCheckpointStore(IDbContextFactory<MandateDbContext> factory) : ICheckpointStore
{
    public async Task AddAsync(StoredCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var ticks = checkpoint.SignedAt.UtcTicks;
        await db.Database.ExecuteSqlAsync(
            $"INSERT OR IGNORE INTO ledger_checkpoints (TreeSize, RootHash, Note, SignedAt) VALUES ({checkpoint.TreeSize}, {checkpoint.RootHash}, {checkpoint.Note}, {ticks})",
            cancellationToken);
    }

    public async Task<StoredCheckpoint?> GetLatestAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var latest = await db.LedgerCheckpoints.AsNoTracking().OrderByDescending(c => c.TreeSize).FirstOrDefaultAsync(cancellationToken);
        return latest is null ? null : ToCheckpoint(latest);
    }

    public async Task<IReadOnlyList<StoredCheckpoint>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var all = await db.LedgerCheckpoints.AsNoTracking().OrderBy(c => c.TreeSize).ToListAsync(cancellationToken);
        return all.Select(ToCheckpoint).ToList();
    }

    private static StoredCheckpoint ToCheckpoint(LedgerCheckpointEntity e) => new(e.TreeSize, e.RootHash, e.Note, e.SignedAt);
}
