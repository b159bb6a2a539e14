namespace Mandate.Core.Audit;

/// <summary>Reading the audit trail, kept apart from <see cref="IAuditSink"/> so the writing side stays append-only.</summary>
public interface IAuditReader
{
    /// <summary>The most recent events, newest first.</summary>
    Task<IReadOnlyList<AuditEvent>> ListRecentAsync(int limit, CancellationToken cancellationToken);
}
