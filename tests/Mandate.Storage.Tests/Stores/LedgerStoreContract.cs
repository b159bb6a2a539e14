using System.Text;
using Mandate.Core.Audit;
using Mandate.Core.Ledger;
using Mandate.Core.Ledger.Entries;
using Mandate.Protocol.Transparency.Merkle;
using Mandate.Storage.Entities;
using Mandate.Storage.Ledger;
using Mandate.Storage.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Storage.Tests.Stores;

/// <summary>The Merkle log in the store: gap-free indexes, every subtree hash, roots and proofs from O(log n) reads.</summary>
public abstract class LedgerStoreContract(Func<Task<TestDatabase>> createDatabase) : StoreTestBase(createDatabase)
{
    [Fact]
    public async Task Batches_OfEverySize_KeepTheTreeOfTheEntries()
    {
        var store = new SqliteLedgerStore(Factory);
        var next = 0;
        foreach (var count in new[] { 1, 1, 2, 5, 8, 3, 17, 1, 32, 7 })
        {
            var first = await store.AppendAsync(Records(next, count), CancellationToken.None);
            Assert.Equal(next, first);
            next += count;
        }

        await LedgerAssert.TreeMatchesEntriesAsync(store);
    }

    [Fact]
    public async Task AStoreStartedLater_ContinuesTheTree_FromTheStoredPeaks()
    {
        await new SqliteLedgerStore(Factory).AppendAsync(Records(0, 11), CancellationToken.None);

        var restarted = new SqliteLedgerStore(await Database.OpenAnotherAsync());
        Assert.Equal(11, await restarted.AppendAsync(Records(11, 6), CancellationToken.None));

        await LedgerAssert.TreeMatchesEntriesAsync(restarted);
    }

    [Fact]
    public async Task AnAppendByAnotherProcess_IsSeen_BeforeTheNextAppend()
    {
        var server = new SqliteLedgerStore(Factory);
        var cli = new SqliteLedgerStore(await Database.OpenAnotherAsync());
        await server.AppendAsync(Records(0, 3), CancellationToken.None);
        await cli.AppendAsync(Records(3, 2), CancellationToken.None);

        Assert.Equal(5, await server.AppendAsync(Records(5, 4), CancellationToken.None));

        await LedgerAssert.TreeMatchesEntriesAsync(server);
    }

    [Fact]
    public async Task ReadNodes_ReturnsATileRun_AtTheTileLevel()
    {
        var store = new SqliteLedgerStore(Factory);
        var records = Records(0, 600);
        await store.AppendAsync(records, CancellationToken.None);

        var leaves = await store.ReadNodesAsync(0, 256, 256, CancellationToken.None);
        var level8 = await store.ReadNodesAsync(8, 0, 256, CancellationToken.None);

        Assert.Equal(records.Skip(256).Take(256).Select(r => Convert.ToHexString(r.LeafHash)), leaves.Select(n => Convert.ToHexString(n.Hash)));
        Assert.Equal([0L, 1L], level8.Select(n => n.Index));
        Assert.Equal(Convert.ToHexString(MerkleAccumulator.RootOf(records.Take(256).Select(r => r.LeafHash))), Convert.ToHexString(level8[0].Hash));
    }

    [Fact]
    public async Task AMissingSubtreeHash_IsReported_NotInvented()
    {
        var store = new SqliteLedgerStore(Factory);
        await store.AppendAsync(Records(0, 4), CancellationToken.None);
        await using (var db = await Factory.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM ledger_nodes WHERE Level = 2");
        }

        await Assert.ThrowsAsync<InvalidDataException>(() => MerkleProofs.RootAsync(store, 4).AsTask());
        await Assert.ThrowsAsync<InvalidDataException>(() => new SqliteLedgerStore(Factory).AppendAsync(Records(4, 1), CancellationToken.None));
    }

    [Fact]
    public async Task LegacyAuditRows_AreMovedIntoTheLedger_OnceInOrder()
    {
        await using (var db = await Factory.CreateDbContextAsync())
        {
            db.AuditEvents.AddRange(
                new AuditEventEntity { Timestamp = Now, Kind = "gateway.call", Decision = "allow", Tool = "first" },
                new AuditEventEntity { Timestamp = Now.AddSeconds(1), Kind = "gateway.call", Decision = "deny", Tool = "second" });
            await db.SaveChangesAsync();
        }

        var provider = ((SqliteTestDatabase)Database).Open();
        await provider.GetRequiredService<StorageInitializer>().InitializeAsync(CancellationToken.None);
        await provider.GetRequiredService<StorageInitializer>().InitializeAsync(CancellationToken.None);

        var moved = await new SqliteAuditReader(Factory).SearchAsync(new AuditQuery(), CancellationToken.None);
        Assert.Equal([(0L, "first", Now), (1L, "second", Now.AddSeconds(1))], moved.Select(r => (r.Id, r.Event.Tool!, r.Event.Timestamp)));
        await using (var db = await Factory.CreateDbContextAsync())
        {
            Assert.False(await db.AuditEvents.AnyAsync());
        }
    }

    [Fact]
    public async Task Checkpoints_AreKeptBySize_FirstOneWins()
    {
        var checkpoints = new SqliteCheckpointStore(Factory);
        await checkpoints.AddAsync(new StoredCheckpoint(5, new byte[32], "five\n", Now), CancellationToken.None);
        await checkpoints.AddAsync(new StoredCheckpoint(2, new byte[32], "two\n", Now), CancellationToken.None);
        await checkpoints.AddAsync(new StoredCheckpoint(5, new byte[32], "five again\n", Now), CancellationToken.None);

        Assert.Equal("five\n", (await checkpoints.GetLatestAsync(CancellationToken.None))!.Note);
        Assert.Equal([2L, 5L], (await checkpoints.ListAsync(CancellationToken.None)).Select(c => c.TreeSize));
    }

    private static List<LedgerRecord> Records(int first, int count) =>
        Enumerable.Range(first, count).Select(i => LedgerEntryWriter.Prepare(new AuditEvent { Timestamp = Now, Kind = "test", Decision = "allow", Tool = "t" + i })).ToList();
}
