namespace Mandate.Core.Audit;

/// <summary>
/// The one interface every audited decision goes through: the ledger implements it. Each call returns once its events
/// are committed (durable), with their audit ids: the events' indexes in the ledger, consecutive for one call.
/// </summary>
public interface IAuditSink
{
    /// <summary>Appends one event and returns its audit id once it is committed.</summary>
    ValueTask<long> RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken);

    /// <summary>Appends events together, in order, and returns the audit id of the first once all are committed; the others follow one by one.</summary>
    /// <exception cref="ArgumentException">The list is empty.</exception>
    ValueTask<long> RecordAllAsync(IReadOnlyList<AuditEvent> auditEvents, CancellationToken cancellationToken);
}
