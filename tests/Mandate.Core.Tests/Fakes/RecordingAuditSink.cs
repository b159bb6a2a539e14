using System.Collections.Concurrent;
using Mandate.Core.Audit;

namespace Mandate.Core.Tests.Fakes;

public sealed class RecordingAuditSink : IAuditSink
{
    private long next;

    public ConcurrentQueue<AuditEvent> Events { get; } = new();

    public ValueTask<long> RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken) => RecordAllAsync([auditEvent], cancellationToken);

    public ValueTask<long> RecordAllAsync(IReadOnlyList<AuditEvent> auditEvents, CancellationToken cancellationToken)
    {
        lock (Events)
        {
            var first = next;
            foreach (var auditEvent in auditEvents)
            {
                Events.Enqueue(auditEvent);
                next++;
            }

            return ValueTask.FromResult(first);
        }
    }
}
