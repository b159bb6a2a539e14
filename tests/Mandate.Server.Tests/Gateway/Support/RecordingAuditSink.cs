using System.Collections.Concurrent;
using Mandate.Core.Audit;

namespace Mandate.Server.Tests.Gateway.Support;

public sealed class RecordingAuditSink : IAuditSink
{
    private readonly ConcurrentQueue<(long Id, AuditEvent Event)> events = new();
    private long next;

    public IReadOnlyList<AuditEvent> Events => events.Select(e => e.Event).ToList();

    /// <summary>Set to make every append fail, as a broken store would.</summary>
    public bool Failing { get; set; }

    /// <summary>Set to make the appends that hold a matching event fail, as a store failing at one moment would.</summary>
    public Func<AuditEvent, bool>? FailWhen { get; set; }

    public ValueTask<long> RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken) => RecordAllAsync([auditEvent], cancellationToken);

    public ValueTask<long> RecordAllAsync(IReadOnlyList<AuditEvent> auditEvents, CancellationToken cancellationToken)
    {
        if (Failing || (FailWhen is { } failWhen && auditEvents.Any(failWhen)))
        {
            return ValueTask.FromException<long>(new IOException("The audit store is down."));
        }

        lock (events)
        {
            var first = next;
            foreach (var auditEvent in auditEvents)
            {
                events.Enqueue((next++, auditEvent));
            }

            return ValueTask.FromResult(first);
        }
    }

    /// <summary>The event with this audit id.</summary>
    public AuditEvent? ById(long id) => events.FirstOrDefault(e => e.Id == id).Event;

    /// <summary>The gateway.call events of one token (tests share a server, each uses its own tokens).</summary>
    public IReadOnlyList<AuditEvent> For(string tokenId) => Events.Where(e => e.Kind == "gateway.call" && e.TokenId == tokenId).ToList();

    /// <summary>The gateway.outcome events of one token.</summary>
    public IReadOnlyList<AuditEvent> OutcomesFor(string tokenId) => Events.Where(e => e.Kind == "gateway.outcome" && e.TokenId == tokenId).ToList();

    /// <summary>The audit ids of the gateway.call events of one token, in order.</summary>
    public IReadOnlyList<long> IdsFor(string tokenId) => events.Where(e => e.Event.Kind == "gateway.call" && e.Event.TokenId == tokenId).Select(e => e.Id).ToList();

    /// <summary>
    /// The events of one token once there are at least <paramref name="count"/>: the gateway records the outcome after
    /// the client has its whole answer (and some refusals as the response starts), so a test can read the response
    /// before the event exists.
    /// </summary>
    public Task<IReadOnlyList<AuditEvent>> WaitForAsync(string tokenId, int count = 1) => WaitAsync(() => For(tokenId), count);

    /// <summary>The gateway.outcome events of one token once there are at least <paramref name="count"/>.</summary>
    public Task<IReadOnlyList<AuditEvent>> WaitForOutcomesAsync(string tokenId, int count = 1) => WaitAsync(() => OutcomesFor(tokenId), count);

    private static async Task<IReadOnlyList<AuditEvent>> WaitAsync(Func<IReadOnlyList<AuditEvent>> read, int count)
    {
        for (var i = 0; i < 100 && read().Count < count; i++)
        {
            await Task.Delay(50);
        }

        await Task.Delay(50);
        return read();
    }
}
