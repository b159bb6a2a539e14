using System.Threading.Channels;

namespace Mandate.Core.Mandates.Enforcement;

/// <summary>
/// The call counters with group commit, as the ledger's <see cref="Ledger.LedgerAuditSink"/>: callers queue their
/// change, one writer applies whatever has queued up (up to <see cref="MaxBatch"/> changes) in one store transaction,
/// and each caller is answered once that transaction is committed. One transaction (and fsync) per batch instead of per
/// call; each change is still all or none on its own, and the store's conditional update stays the arbiter, so
/// "exactly once" holds across batches and across processes sharing the store.
/// </summary>
public sealed class GroupCommitCallCounter : IMandateCallCounter, IAsyncDisposable, IDisposable
{
    public const int MaxBatch = 1_000;

    private readonly IMandateCallCountStore store;
    private readonly Channel<PendingCount> pending = Channel.CreateUnbounded<PendingCount>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lazy<Task> writer;

    public GroupCommitCallCounter(IMandateCallCountStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        this.store = store;
        writer = new Lazy<Task>(() => Task.Run(() => WriteLoopAsync(store, pending.Reader)));
    }

    /// <remarks>
    /// A caller that stops waiting (<paramref name="cancellationToken"/>) before its batch begins takes no count; one
    /// that stops waiting later may have taken one, which is then kept (the safe side). The gateway passes
    /// <see cref="CancellationToken.None"/>.
    /// </remarks>
    public Task<CallCharge?> TryCountAsync(IReadOnlyList<CallCharge> charges, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(charges);
        return charges.Count == 0 ? Task.FromResult<CallCharge?>(null) : EnqueueAsync(new CountChange(charges, GiveBack: false), cancellationToken);
    }

    public Task UncountAsync(IReadOnlyList<CallCharge> charges, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(charges);
        return charges.Count == 0 ? Task.CompletedTask : EnqueueAsync(new CountChange(charges, GiveBack: true), cancellationToken);
    }

    public Task<int> CountAsync(string grantId, string tool, CancellationToken cancellationToken) =>
        store.CountAsync(grantId, tool, cancellationToken);

    public Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        store.DeleteExpiredAsync(now, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        pending.Writer.TryComplete();
        if (writer.IsValueCreated)
        {
            await writer.Value;
        }
    }

    /// <summary>For a container disposed synchronously: queued changes are still applied before it returns.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task<CallCharge?> EnqueueAsync(CountChange change, CancellationToken cancellationToken)
    {
        var count = new PendingCount(change, cancellationToken);
        ObjectDisposedException.ThrowIf(!pending.Writer.TryWrite(count), this);
        _ = writer.Value;
        return await count.Done.Task.WaitAsync(cancellationToken);
    }

    private static async Task WriteLoopAsync(IMandateCallCountStore store, ChannelReader<PendingCount> reader)
    {
        var batch = new List<PendingCount>(MaxBatch);
        var changes = new List<CountChange>(MaxBatch);
        while (await reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var next))
            {
                if (next.CancellationToken.IsCancellationRequested)
                {
                    next.Done.TrySetCanceled(next.CancellationToken);
                    continue;
                }

                batch.Add(next);
                changes.Add(next.Change);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                var results = await store.ApplyAsync(changes, CancellationToken.None);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(results[i]);
                }
            }
#pragma warning disable CA1031 // The store is pluggable: whatever it throws goes to the callers, and the writer must live on.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                batch.ForEach(b => b.Done.TrySetException(ex));
            }

            batch.Clear();
            changes.Clear();
        }
    }
}
