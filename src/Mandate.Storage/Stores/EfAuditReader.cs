using Mandate.Core.Audit;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Storage.Stores;

public sealed class EfAuditReader(IDbContextFactory<MandateDbContext> factory) : IAuditReader
{
    public async Task<IReadOnlyList<AuditEvent>> ListRecentAsync(int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entities = await db.AuditEvents.AsNoTracking().OrderByDescending(a => a.Id).Take(limit).ToListAsync(cancellationToken);
        return entities.Select(e => new AuditEvent
        {
            Timestamp = e.Timestamp,
            Kind = e.Kind,
            Decision = e.Decision,
            Reason = e.Reason,
            Subject = e.Subject,
            ClientId = e.ClientId,
            TokenId = e.TokenId,
            Upstream = e.Upstream,
            Method = e.Method,
            Tool = e.Tool,
            ArgumentsDigest = e.ArgumentsDigest,
            LatencyMs = e.LatencyMs,
            ActorChain = e.ActorChain,
            Resource = e.Resource,
            SourceAddress = e.SourceAddress,
            UpstreamStatus = e.UpstreamStatus,
        }).ToList();
    }
}
