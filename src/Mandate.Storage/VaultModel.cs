using Mandate.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Storage;

/// <summary>The credential vault's tables: wrapped data keys, connectors and people's connections.</summary>
internal static class VaultModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<VaultDataKeyEntity>(e =>
        {
            e.ToTable("vault_data_keys");
            e.HasKey(k => k.Id);
            e.HasIndex(k => k.CreatedAt);
        });
        modelBuilder.Entity<ConnectorEntity>(e =>
        {
            e.ToTable("connectors");
            e.HasKey(c => c.Name);
        });
        modelBuilder.Entity<ConnectionEntity>(e =>
        {
            e.ToTable("connections");
            e.HasKey(c => new { c.UserId, c.Connector });
            e.HasIndex(c => c.Connector);
            e.HasIndex(c => c.RefreshDueAt);
        });
    }
}
