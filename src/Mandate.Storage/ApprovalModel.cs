using Mandate.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Storage;

/// <summary>Approval requests (CIBA and held tool calls) and the CIBA columns of the CIBA ones.</summary>
internal static class ApprovalModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ApprovalRequestEntity>(e =>
        {
            e.ToTable("approval_requests");
            e.HasKey(a => a.Id);
            e.Property(a => a.Kind).HasConversion<string>();
            e.Property(a => a.Status).HasConversion<string>();
            e.HasIndex(a => new { a.Subject, a.Status });
            e.HasIndex(a => new { a.Status, a.ExpiresAt });
        });
        modelBuilder.Entity<CibaRequestEntity>(e =>
        {
            e.ToTable("ciba_requests");
            e.HasKey(c => c.ApprovalId);
            e.HasIndex(c => c.AuthReqIdHash).IsUnique();
            e.Property(c => c.DeliveryMode).HasConversion<string>();
            e.HasOne<ApprovalRequestEntity>().WithOne().HasForeignKey<CibaRequestEntity>(c => c.ApprovalId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
