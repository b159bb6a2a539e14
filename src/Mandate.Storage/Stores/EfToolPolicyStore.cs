using Mandate.Core.Gateway;
using Mandate.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Storage.Stores;

public sealed class EfToolPolicyStore(IDbContextFactory<MandateDbContext> factory) : IToolPolicyStore
{
    public async Task<ToolPolicy?> FindAsync(string upstream, string tool, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entity = await db.ToolPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.Upstream == upstream && p.Tool == tool, cancellationToken);
        return entity is null ? null : ToModel(entity);
    }

    public async Task<IReadOnlyList<ToolPolicy>> ListAsync(string upstream, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entities = await db.ToolPolicies.AsNoTracking().Where(p => p.Upstream == upstream).OrderBy(p => p.Tool).ToListAsync(cancellationToken);
        return entities.Select(ToModel).ToList();
    }

    public async Task<bool> AddAsync(ToolPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.ToolPolicies.Add(ToEntity(policy, version: 1));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Recorded first by another process.
            return false;
        }
    }

    public async Task<bool> UpdateAsync(ToolPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var updated = await db.ToolPolicies
            .Where(p => p.Upstream == policy.Upstream && p.Tool == policy.Tool && p.Version == policy.Version)
            .ExecuteUpdateAsync(
                s => s
                    .SetProperty(p => p.Status, policy.Status)
                    .SetProperty(p => p.ApprovedFingerprint, policy.ApprovedFingerprint)
                    .SetProperty(p => p.ApprovedDefinition, policy.ApprovedDefinition)
                    .SetProperty(p => p.ApprovedLevel, policy.ApprovedLevel)
                    .SetProperty(p => p.PendingFingerprint, policy.PendingFingerprint)
                    .SetProperty(p => p.PendingDefinition, policy.PendingDefinition)
                    .SetProperty(p => p.OverrideLevel, policy.OverrideLevel)
                    .SetProperty(p => p.LabelOverride, policy.LabelOverride)
                    .SetProperty(p => p.RequiresApproval, policy.RequiresApproval)
                    .SetProperty(p => p.UpdatedAt, policy.UpdatedAt)
                    .SetProperty(p => p.Version, policy.Version + 1),
                cancellationToken);
        return updated > 0;
    }

    public async Task<int> RemoveUpstreamAsync(string upstream, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.ToolPolicies.Where(p => p.Upstream == upstream).ExecuteDeleteAsync(cancellationToken);
    }

    private static ToolPolicyEntity ToEntity(ToolPolicy p, long version) => new()
    {
        Upstream = p.Upstream,
        Tool = p.Tool,
        Status = p.Status,
        ApprovedFingerprint = p.ApprovedFingerprint,
        ApprovedDefinition = p.ApprovedDefinition,
        ApprovedLevel = p.ApprovedLevel,
        PendingFingerprint = p.PendingFingerprint,
        PendingDefinition = p.PendingDefinition,
        OverrideLevel = p.OverrideLevel,
        LabelOverride = p.LabelOverride,
        RequiresApproval = p.RequiresApproval,
        UpdatedAt = p.UpdatedAt,
        Version = version,
    };

    private static ToolPolicy ToModel(ToolPolicyEntity e) => new()
    {
        Upstream = e.Upstream,
        Tool = e.Tool,
        Status = e.Status,
        ApprovedFingerprint = e.ApprovedFingerprint,
        ApprovedDefinition = e.ApprovedDefinition,
        ApprovedLevel = e.ApprovedLevel,
        PendingFingerprint = e.PendingFingerprint,
        PendingDefinition = e.PendingDefinition,
        OverrideLevel = e.OverrideLevel,
        LabelOverride = e.LabelOverride,
        RequiresApproval = e.RequiresApproval,
        UpdatedAt = e.UpdatedAt,
        Version = e.Version,
    };
}
