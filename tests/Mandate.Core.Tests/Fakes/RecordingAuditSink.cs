using System.Collections.Concurrent;
using Mandate.Core.Audit;

namespace Mandate.Core.Tests.Fakes;

public sealed class RecordingAuditSink : IAuditSink
{
    public ConcurrentQueue<AuditEvent> Events { get; } = new();

    public ValueTask RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        Events.Enqueue(auditEvent);
        return ValueTask.CompletedTask;
    }
}
