using System.Threading.Channels;
using Mandate.Core.Audit;
using Mandate.Core.Ledger.Entries;

namespace Mandate.Core.Ledger;

/// <summary>
/// The ledger behind <see cref="IAuditSink"/>. Callers redact and encode their own entries (in parallel), then one
/// writer appends whatever has queued up, up to <see cref="MaxBatch"/> entries per store transaction (group commit),
/// and each caller returns once its entries are committed, with their audit ids. One transaction (and fsync) per batch
/// instead of per event keeps the gateway's hot path cheap without giving up durability: a crash loses no event whose
/// call has returned, and a batch is appended whole or not at all. One caller's events are never split across batches,
/// so they get consecutive ids.
/// </summary>
public sealed class LedgerAuditSink : IAuditSink, IAsyncDisposable
{
    public const int MaxBatch = 1_000;

    private readonly Channel<PendingAppend> pending = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lazy<Task> writer;

    public LedgerAuditSink(ILedgerStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        writer = new Lazy<Task>(() => Task.Run(() => WriteLoopAsync(store, pending.Reader)));
    }

    public ValueTask<long> RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        return RecordAllAsync([auditEvent], cancellationToken);
    }

    public async ValueTask<long> RecordAllAsync(IReadOnlyList<AuditEvent> auditEvents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auditEvents);
        if (auditEvents.Count == 0)
        {
            throw new ArgumentException("Nothing to record.", nameof(auditEvents));
        }

        var append = new PendingAppend(auditEvents.Select(e => LedgerEntryWriter.Prepare(AuditContext.Apply(e))).ToArray());
        ObjectDisposedException.ThrowIf(!pending.Writer.TryWrite(append), this);
        _ = writer.Value;

        // A caller that stops waiting does not take its events back: they are queued and will be appended.
        return await append.Done.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        pending.Writer.TryComplete();
        if (writer.IsValueCreated)
        {
            await writer.Value;
        }
    }

    private static async Task WriteLoopAsync(ILedgerStore store, ChannelReader<PendingAppend> reader)
    {
        var batch = new List<PendingAppend>();
        var records = new List<LedgerRecord>(MaxBatch);
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryPeek(out var next) && (records.Count == 0 || records.Count + next.Records.Length <= MaxBatch) && reader.TryRead(out next))
            {
                batch.Add(next);
                records.AddRange(next.Records);
            }

            try
            {
                var first = await store.AppendAsync(records, CancellationToken.None);
                foreach (var append in batch)
                {
                    append.Done.TrySetResult(first);
                    first += append.Records.Length;
                }
            }
#pragma warning disable CA1031 // The store is pluggable: whatever it throws goes to the callers, and the writer must live on.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                batch.ForEach(b => b.Done.TrySetException(ex));
            }

            batch.Clear();
            records.Clear();
        }
    }
}
