namespace Mandate.Core.Audit;

/// <summary>
/// The sink when the ledger is switched off (Ledger:Enabled = false, for measuring the ledger's cost only): records
/// nothing and answers <see cref="NotRecorded"/>, which no caller shows as an audit id.
/// </summary>
public sealed class DiscardingAuditSink : IAuditSink
{
    /// <summary>The id of an event that was not recorded.</summary>
    public const long NotRecorded = -1;

    public ValueTask<long> RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken) => ValueTask.FromResult(NotRecorded);

    public ValueTask<long> RecordAllAsync(IReadOnlyList<AuditEvent> auditEvents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auditEvents);
        return auditEvents.Count == 0 ? throw new ArgumentException("Nothing to record.", nameof(auditEvents)) : ValueTask.FromResult(NotRecorded);
    }
}
