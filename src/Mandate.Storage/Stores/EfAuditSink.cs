using System.Threading.Channels;
using Mandate.Core.Audit;
using Mandate.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Storage.Stores;

/// <summary>
/// Appends audit events to the audit_events table. Insert only: there is no way to change or delete one.
/// Group commit: concurrent callers' events are written by one writer, up to <see cref="MaxBatch"/> per transaction,
/// and each caller returns only once its event is committed. One SQLite write transaction (and fsync) per batch
/// instead of per event keeps the gateway's hot path from queueing on the single-writer lock (docs/benchmarks.md),
/// without giving up durability: a crash loses no event whose call has returned.
/// </summary>
public sealed class EfAuditSink : IAuditSink, IAsyncDisposable
{
    public const int MaxBatch = 1_000;
    private readonly Channel<(AuditEvent Event, TaskCompletionSource Done)> pending =
        Channel.CreateUnbounded<(AuditEvent, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Lazy<Task> writer;

    public EfAuditSink(IDbContextFactory<MandateDbContext> factory)
    {
        writer = new Lazy<Task>(() => Task.Run(() => WriteLoopAsync(factory, pending.Reader)));
    }

    public async ValueTask RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ObjectDisposedException.ThrowIf(!pending.Writer.TryWrite((auditEvent, done)), this);

        _ = writer.Value;
        await done.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        pending.Writer.TryComplete();
        if (writer.IsValueCreated)
        {
            await writer.Value;
        }
    }

    private static async Task WriteLoopAsync(IDbContextFactory<MandateDbContext> factory, ChannelReader<(AuditEvent Event, TaskCompletionSource Done)> reader)
    {
        var batch = new List<(AuditEvent Event, TaskCompletionSource Done)>(MaxBatch);
        while (await reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            try
            {
                await using var db = await factory.CreateDbContextAsync();
                db.AuditEvents.AddRange(batch.Select(b => ToEntity(b.Event)));
                await db.SaveChangesAsync();
                batch.ForEach(b => b.Done.TrySetResult());
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
            {
                batch.ForEach(b => b.Done.TrySetException(ex));
            }

            batch.Clear();
        }
    }

    private static AuditEventEntity ToEntity(AuditEvent auditEvent) => new()
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
        ActorChain = auditEvent.ActorChain,
        Resource = auditEvent.Resource,
        SourceAddress = auditEvent.SourceAddress,
        UpstreamStatus = auditEvent.UpstreamStatus,
    };
}
