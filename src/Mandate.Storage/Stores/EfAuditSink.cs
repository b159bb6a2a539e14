using Mandate.Core.Audit;
using Mandate.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Storage.Stores;

/// <summary>Appends audit events to the audit_events table. Insert only: there is no way to change or delete one.</summary>
public sealed class EfAuditSink(IDbContextFactory<MandateDbContext> factory) : IAuditSink
{
    public async ValueTask RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.AuditEvents.Add(new AuditEventEntity
        {
            Timestamp = auditEvent.Timestamp,
            Kind = auditEvent.Kind,
            Decision = auditEvent.Decision,
            Reason = auditEvent.Reason,
            Subject = auditEvent.Subject,
            ClientId = auditEvent.ClientId,
            TokenId = auditEvent.TokenId,
            Upstream = auditEvent.Upstream,
            Method = auditEvent.Method,
            Tool = auditEvent.Tool,
            ArgumentsDigest = auditEvent.ArgumentsDigest,
            LatencyMs = auditEvent.LatencyMs,
            UpstreamStatus = auditEvent.UpstreamStatus,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
