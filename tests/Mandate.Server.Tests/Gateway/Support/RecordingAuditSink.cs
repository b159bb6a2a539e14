using System.Collections.Concurrent;
using Mandate.Core.Audit;

namespace Mandate.Server.Tests.Gateway.Support;

public sealed class RecordingAuditSink : IAuditSink
{
    private readonly ConcurrentQueue<AuditEvent> events = new();

    public IReadOnlyList<AuditEvent> Events => events.ToList();

    public ValueTask RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        events.Enqueue(auditEvent);
        return ValueTask.CompletedTask;
    }

    /// <summary>The gateway.call events of one token (tests share a server, each uses its own tokens).</summary>
    public IReadOnlyList<AuditEvent> For(string tokenId) => Events.Where(e => e.Kind == "gateway.call" && e.TokenId == tokenId).ToList();

    /// <summary>
    /// The events of one token once there are at least <paramref name="count"/>: the gateway records after the client
    /// has its whole answer, so a test can read the response before the event exists.
    /// </summary>
    public async Task<IReadOnlyList<AuditEvent>> WaitForAsync(string tokenId, int count = 1)
    {
        for (var i = 0; i < 100 && For(tokenId).Count < count; i++)
        {
            await Task.Delay(50);
        }

        await Task.Delay(50);
        return For(tokenId);
    }
}
