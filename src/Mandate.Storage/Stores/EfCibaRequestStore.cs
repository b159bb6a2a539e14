using Mandate.Core.Approvals;
using Mandate.Core.OAuth.Ciba;
using Mandate.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Storage.Stores;

public sealed class EfCibaRequestStore(IDbContextFactory<MandateDbContext> factory) : ICibaRequestStore
{
    private const int SlowDownStepSeconds = 5;
    private const int MaxIntervalSeconds = 300;
    private const int ListLimit = 100;

    public async Task AddAsync(CibaRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.CibaRequests.Add(new CibaRequestEntity
        {
            ApprovalId = request.ApprovalId,
            AuthReqIdHash = request.AuthReqIdHash,
            ClientId = request.ClientId,
            Resource = request.Resource,
            DeliveryMode = request.DeliveryMode,
            ProtectedNotificationToken = request.ProtectedNotificationToken,
            ProtectedAuthReqId = request.ProtectedAuthReqId,
            IntervalSeconds = request.IntervalSeconds,
            NextPollAt = request.NextPollAt,
            NotifiedAt = request.NotifiedAt,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<CibaRequest?> FindByAuthReqIdHashAsync(string authReqIdHash, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entity = await db.CibaRequests.AsNoTracking().FirstOrDefaultAsync(c => c.AuthReqIdHash == authReqIdHash, cancellationToken);
        return entity is null ? null : ToModel(entity);
    }

    public async Task<CibaPollOutcome> RecordPollAsync(string approvalId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entity = await db.CibaRequests.AsNoTracking().FirstOrDefaultAsync(c => c.ApprovalId == approvalId, cancellationToken);
        if (entity is null)
        {
            return CibaPollOutcome.TooSoon;
        }

        var inTime = entity.NextPollAt is not { } next || next <= now;
        var interval = inTime ? entity.IntervalSeconds : Math.Min(entity.IntervalSeconds + SlowDownStepSeconds, MaxIntervalSeconds);
        DateTimeOffset? nextPollAt = now.AddSeconds(interval);

        // Compare-and-set on what was read, so of two polls racing only one can be in time.
        var previous = entity.NextPollAt;
        var oldInterval = entity.IntervalSeconds;
        var changed = await db.CibaRequests
            .Where(c => c.ApprovalId == approvalId && c.NextPollAt == previous && c.IntervalSeconds == oldInterval)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.NextPollAt, nextPollAt).SetProperty(c => c.IntervalSeconds, interval), cancellationToken);
        return inTime && changed == 1 ? CibaPollOutcome.InTime : CibaPollOutcome.TooSoon;
    }

    public async Task<IReadOnlyList<CibaRequest>> ListUnnotifiedPingsAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entities = await db.CibaRequests.AsNoTracking()
            .Where(c => c.DeliveryMode == CibaDeliveryMode.Ping && c.NotifiedAt == null)
            .Join(db.ApprovalRequests.Where(a => a.Status != ApprovalStatus.Pending && a.Status != ApprovalStatus.Consumed), c => c.ApprovalId, a => a.Id, (c, _) => c)
            .Take(ListLimit)
            .ToListAsync(cancellationToken);
        return entities.Select(ToModel).ToList();
    }

    public async Task<bool> MarkNotifiedAsync(string approvalId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        DateTimeOffset? notifiedAt = now;
        return await db.CibaRequests
            .Where(c => c.ApprovalId == approvalId && c.NotifiedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.NotifiedAt, notifiedAt), cancellationToken) == 1;
    }

    private static CibaRequest ToModel(CibaRequestEntity e) => new()
    {
        ApprovalId = e.ApprovalId,
        AuthReqIdHash = e.AuthReqIdHash,
        ClientId = e.ClientId,
        Resource = e.Resource,
        DeliveryMode = e.DeliveryMode,
        ProtectedNotificationToken = e.ProtectedNotificationToken,
        ProtectedAuthReqId = e.ProtectedAuthReqId,
        IntervalSeconds = e.IntervalSeconds,
        NextPollAt = e.NextPollAt,
        NotifiedAt = e.NotifiedAt,
    };
}
