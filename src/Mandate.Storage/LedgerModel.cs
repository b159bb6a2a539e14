using Mandate.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Storage;

/// <summary>
/// The ledger's tables: entries by index, the hashes of complete subtrees (ledger_nodes is created WITHOUT ROWID by
/// its migration: its key is all it is looked up by) and the signed checkpoints.
/// </summary>
internal static class LedgerModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<LedgerEntryEntity>(e =>
        {
            e.ToTable("ledger_entries");
            e.HasKey(x => x.LeafIndex);
            e.Property(x => x.LeafIndex).ValueGeneratedNever();
            e.HasIndex(x => x.Timestamp);
            e.HasIndex(x => x.Subject);
        });
        modelBuilder.Entity<LedgerNodeEntity>(e =>
        {
            e.ToTable("ledger_nodes");
            e.HasKey(x => new { x.Level, x.NodeIndex });
        });
        modelBuilder.Entity<LedgerCheckpointEntity>(e =>
        {
            e.ToTable("ledger_checkpoints");
            e.HasKey(x => x.TreeSize);
            e.Property(x => x.TreeSize).ValueGeneratedNever();
        });
    }
}
