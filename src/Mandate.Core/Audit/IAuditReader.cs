namespace Mandate.Core.Audit;

/// <summary>Reading the audit trail (the ledger's entries), kept apart from <see cref="IAuditSink"/> so the writing side stays append-only.</summary>
public interface IAuditReader
{
    /// <summary>The most recent events, newest first.</summary>
    Task<IReadOnlyList<AuditEvent>> ListRecentAsync(int limit, CancellationToken cancellationToken);

    /// <summary>The entries that match every filter of the query, each with its audit id and its exact entry bytes.</summary>
    Task<IReadOnlyList<RecordedAuditEvent>> SearchAsync(AuditQuery query, CancellationToken cancellationToken);
}
