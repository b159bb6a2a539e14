using Mandate.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Storage;

/// <summary>The gateway's tables: upstreams, what is recorded of their tools, mandate call counters, data-flow marks, and the audit events from before the ledger.</summary>
internal static class GatewayModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<UpstreamEntity>(e =>
        {
            e.ToTable("upstreams");
            e.HasKey(u => u.Name);
        });
        modelBuilder.Entity<ToolPolicyEntity>(e =>
        {
            e.ToTable("tool_policies");
            e.HasKey(p => new { p.Upstream, p.Tool });
            e.Property(p => p.Status).HasConversion<string>();
            e.Property(p => p.ApprovedLevel).HasConversion<string>();
            e.Property(p => p.OverrideLevel).HasConversion<string>();
            e.Property(p => p.LabelOverride).HasConversion<string>();
        });
        modelBuilder.Entity<MandateCallCountEntity>(e =>
        {
            e.ToTable("mandate_call_counts");
            e.HasKey(c => new { c.GrantId, c.Tool });
            e.HasIndex(c => c.ExpiresAt);
        });
        modelBuilder.Entity<ReplayMarkerEntity>(e =>
        {
            e.ToTable("replay_markers");
            e.HasKey(m => m.Key);
            e.HasIndex(m => m.ExpiresAt);
        });
        modelBuilder.Entity<DataFlowTaintEntity>(e =>
        {
            e.ToTable("data_flow_taints");
            e.HasKey(t => t.Key);
            e.HasIndex(t => t.ExpiresAt);
        });
        modelBuilder.Entity<AuditEventEntity>(e =>
        {
            e.ToTable("audit_events");
            e.HasKey(a => a.Id);
            e.Property(a => a.Id).ValueGeneratedOnAdd();
            e.HasIndex(a => a.Timestamp);
        });
    }
}
