namespace Mandate.Core.Audit;

/// <summary>The one interface every audited decision goes through; the ledger implements it.</summary>
public interface IAuditSink
{
    ValueTask RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken);
}
