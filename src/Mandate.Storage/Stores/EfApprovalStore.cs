using Mandate.Core.Approvals;
using Mandate.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Storage.Stores;

public sealed class EfApprovalStore(IDbContextFactory<MandateDbContext> factory) : IApprovalStore
{
    private const int ListLimit = 500;

    public async Task CreateAsync(ApprovalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.ApprovalRequests.Add(new ApprovalRequestEntity
        {
            Id = request.Id,
            Kind = request.Kind,
            Subject = request.Subject,
            ClientId = request.ClientId,
            ActChain = request.ActChain,
            BindingMessage = request.BindingMessage,
            Scope = request.Scope,
            AuthorizationDetails = request.AuthorizationDetails,
            Upstream = request.Upstream,
            Tool = request.Tool,
            ArgumentsDigest = request.ArgumentsDigest,
            ArgumentsPreview = request.ArgumentsPreview,
            Reason = request.Reason,
            Status = request.Status,
            CreatedAt = request.CreatedAt,
            ExpiresAt = request.ExpiresAt,
            DecidedAt = request.DecidedAt,
            DecidedBy = request.DecidedBy,
            ConsumedAt = request.ConsumedAt,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<ApprovalRequest?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entity = await db.ApprovalRequests.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        return entity is null ? null : ToModel(entity);
    }

    public async Task<IReadOnlyList<ApprovalRequest>> ListPendingAsync(string? subject, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var query = db.ApprovalRequests.AsNoTracking().Where(a => a.Status == ApprovalStatus.Pending && a.ExpiresAt > now);
        if (subject is not null)
        {
            query = query.Where(a => a.Subject == subject);
        }

        var entities = await query.OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).Take(ListLimit).ToListAsync(cancellationToken);
        return entities.Select(ToModel).ToList();
    }

    public async Task<bool> DecideAsync(string id, string decidedBy, bool approve, string? subject, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var query = db.ApprovalRequests.Where(a => a.Id == id && a.Status == ApprovalStatus.Pending && a.ExpiresAt > now);
        if (subject is not null)
        {
            query = query.Where(a => a.Subject == subject);
        }

        var status = approve ? ApprovalStatus.Approved : ApprovalStatus.Denied;
        return await query.ExecuteUpdateAsync(
            s => s.SetProperty(a => a.Status, status).SetProperty(a => a.DecidedAt, now).SetProperty(a => a.DecidedBy, decidedBy),
            cancellationToken) == 1;
    }

    public async Task<bool> ConsumeAsync(string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.ApprovalRequests
            .Where(a => a.Id == id && a.Status == ApprovalStatus.Approved && a.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ApprovalStatus.Consumed).SetProperty(a => a.ConsumedAt, now), cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<ApprovalRequest>> ExpireDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var due = await db.ApprovalRequests.AsNoTracking()
            .Where(a => (a.Status == ApprovalStatus.Pending || a.Status == ApprovalStatus.Approved) && a.ExpiresAt <= now)
            .OrderBy(a => a.ExpiresAt)
            .Take(ListLimit)
            .ToListAsync(cancellationToken);
        var expired = new List<ApprovalRequest>();
        foreach (var entity in due)
        {
            // One conditional update per row: a row decided or expired by someone else meanwhile is left to them.
            var changed = await db.ApprovalRequests
                .Where(a => a.Id == entity.Id && a.Status == entity.Status)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ApprovalStatus.Expired), cancellationToken);
            if (changed == 1)
            {
                entity.Status = ApprovalStatus.Expired;
                expired.Add(ToModel(entity));
            }
        }

        return expired;
    }

    public async Task<int> DeleteFinishedAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var finished = db.ApprovalRequests.Where(a =>
            (a.Status == ApprovalStatus.Denied || a.Status == ApprovalStatus.Expired || a.Status == ApprovalStatus.Consumed) && a.ExpiresAt < before);
        await db.CibaRequests.Where(c => finished.Any(a => a.Id == c.ApprovalId)).ExecuteDeleteAsync(cancellationToken);
        return await finished.ExecuteDeleteAsync(cancellationToken);
    }

    private static ApprovalRequest ToModel(ApprovalRequestEntity e) => new()
    {
        Id = e.Id,
        Kind = e.Kind,
        Subject = e.Subject,
        ClientId = e.ClientId,
        ActChain = e.ActChain,
        BindingMessage = e.BindingMessage,
        Scope = e.Scope,
        AuthorizationDetails = e.AuthorizationDetails,
        Upstream = e.Upstream,
        Tool = e.Tool,
        ArgumentsDigest = e.ArgumentsDigest,
        ArgumentsPreview = e.ArgumentsPreview,
        Reason = e.Reason,
        Status = e.Status,
        CreatedAt = e.CreatedAt,
        ExpiresAt = e.ExpiresAt,
        DecidedAt = e.DecidedAt,
        DecidedBy = e.DecidedBy,
        ConsumedAt = e.ConsumedAt,
    };
}
