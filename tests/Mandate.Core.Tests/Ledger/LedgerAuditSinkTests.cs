using Mandate.Core.Audit;
using Mandate.Core.Ledger;
using Mandate.Protocol.Transparency.Merkle;

namespace Mandate.Core.Tests.Ledger;

public sealed class LedgerAuditSinkTests
{
    private static readonly DateTimeOffset Time = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ConcurrentCallers_ShareBatches_OfAtMostMaxBatch_AndGetTheirOwnIds()
    {
        var store = new SlowStore();
        await using var sink = new LedgerAuditSink(store);

        var calls = Enumerable.Range(0, 2_500).Select(i => sink.RecordAsync(Event("t" + i), CancellationToken.None).AsTask()).ToList();
        var ids = await Task.WhenAll(calls);

        Assert.Equal(Enumerable.Range(0, 2_500).Select(i => (long)i), ids.Order());
        Assert.All(store.Batches, b => Assert.InRange(b, 1, LedgerAuditSink.MaxBatch));
        Assert.True(store.Batches.Count < 100, $"{store.Batches.Count} transactions for 2,500 events");
        Assert.All(ids.Select((id, i) => (id, i)), x => Assert.Equal("t" + x.i, store.Tools[(int)x.id]));
    }

    [Fact]
    public async Task OneCallersEvents_AreNeverSplit()
    {
        var store = new SlowStore();
        await using var sink = new LedgerAuditSink(store);

        var first = await sink.RecordAllAsync(Enumerable.Range(0, 3).Select(i => Event("g" + i)).ToList(), CancellationToken.None);

        Assert.Equal(["g0", "g1", "g2"], store.Tools.Skip((int)first).Take(3));
        Assert.Equal([3], store.Batches);
    }

    [Fact]
    public async Task AFailedAppend_FailsItsCallers_AndTheNextOneWorks()
    {
        var store = new SlowStore { FailNext = true };
        await using var sink = new LedgerAuditSink(store);

        await Assert.ThrowsAsync<IOException>(() => sink.RecordAsync(Event("lost"), CancellationToken.None).AsTask());
        Assert.Equal(0, await sink.RecordAsync(Event("kept"), CancellationToken.None));
    }

    [Fact]
    public async Task Secrets_AreRedacted_BeforeTheyReachTheStore()
    {
        var store = new SlowStore();
        await using var sink = new LedgerAuditSink(store);

        await sink.RecordAsync(Event("x") with { Reason = "upstream said: Authorization: Bearer abc.def123456789" }, CancellationToken.None);

        Assert.Equal("upstream said: Authorization: [REDACTED]", store.Reasons.Single());
    }

    private static AuditEvent Event(string tool) => new() { Timestamp = Time, Kind = "k", Decision = "allow", Tool = tool };

    private sealed class SlowStore : ILedgerStore
    {
        public List<int> Batches { get; } = [];

        public List<string?> Tools { get; } = [];

        public List<string?> Reasons { get; } = [];

        public bool FailNext { get; set; }

        public async Task<long> AppendAsync(IReadOnlyList<LedgerRecord> records, CancellationToken cancellationToken)
        {
            await Task.Delay(5, cancellationToken);
            if (FailNext)
            {
                FailNext = false;
                throw new IOException("disk full");
            }

            Batches.Add(records.Count);
            var first = Tools.Count;
            Tools.AddRange(records.Select(r => r.Event.Tool));
            Reasons.AddRange(records.Select(r => r.Event.Reason));
            return first;
        }

        public Task<long> GetSizeAsync(CancellationToken cancellationToken) => Task.FromResult((long)Tools.Count);

        public Task<IReadOnlyList<StoredEntry>> ReadEntriesAsync(long from, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<(long Index, byte[] Hash)>> ReadNodesAsync(int level, long from, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask<IReadOnlyList<byte[]>> GetHashesAsync(IReadOnlyList<MerkleNodeId> nodes, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
