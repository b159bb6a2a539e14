using System.Reflection;
using Mandate.Core.Audit;
using Mandate.Core.Ledger;
using Mandate.Storage.Ledger;
using Mandate.Storage.Tests.Support;

namespace Mandate.Storage.Tests.Stores;

/// <summary>The ledger behind IAuditSink and IAuditReader: group commit, audit ids, the events as they went in.</summary>
public abstract class AuditSinkContract(Func<Task<TestDatabase>> createDatabase) : StoreTestBase(createDatabase)
{
    private LedgerAuditSink Sink => new(new SqliteLedgerStore(Factory));

    private SqliteAuditReader Reader => new(Factory);

    [Fact]
    public async Task Record_ThenRead_RoundTripsEveryField()
    {
        var full = new AuditEvent
        {
            Timestamp = Now.AddTicks(1234567),
            Kind = "gateway.call",
            Decision = "deny",
            Reason = "insufficient_scope",
            Subject = "usr_1",
            ClientId = "https://client.example.com/meta.json",
            TokenId = "jti-1",
            Upstream = "notes",
            Method = "tools/call",
            Tool = "delete_note",
            ArgumentsDigest = "q1w2e3",
            LatencyMs = 1.25,
            UpstreamStatus = 200,
            Resource = "https://mandate.example.com/mcp/notes",
            SourceAddress = "192.0.2.7",
            ActorChain = """{"act":{"client_id":"a","sub":"a"},"client_id":"b","sub":"b"}""",
            CorrelationId = "4bf92f3577b34da6a3ce929d0e0e4736",
            RelatesTo = 41,
        };

        var id = await Sink.RecordAsync(full, CancellationToken.None);

        var read = Assert.Single(await Reader.SearchAsync(new AuditQuery(), CancellationToken.None));
        Assert.Equal(id, read.Id);
        Assert.Equal(full, read.Event);
        Assert.Equal(full, Assert.Single(await Reader.ListRecentAsync(10, CancellationToken.None)));
    }

    [Fact]
    public async Task Read_NewestFirst_UpToTheLimit()
    {
        var sink = Sink;
        for (var i = 0; i < 5; i++)
        {
            await sink.RecordAsync(new AuditEvent { Timestamp = Now, Kind = "k" + i, Decision = "allow" }, CancellationToken.None);
        }

        Assert.Equal(["k4", "k3", "k2"], (await Reader.ListRecentAsync(3, CancellationToken.None)).Select(e => e.Kind));
    }

    [Fact]
    public async Task RecordAll_GivesConsecutiveIds_InOrder()
    {
        await using var sink = Sink;
        await sink.RecordAsync(Event("first"), CancellationToken.None);

        var first = await sink.RecordAllAsync([Event("a"), Event("b"), Event("c")], CancellationToken.None);

        Assert.Equal(1, first);
        var all = await Reader.SearchAsync(new AuditQuery { AfterId = 0 }, CancellationToken.None);
        Assert.Equal([(1L, "a"), (2L, "b"), (3L, "c")], all.Select(r => (r.Id, r.Event.Tool!)));
    }

    [Fact]
    public async Task TwoProcesses_AppendConcurrently_GapFree_NothingLost()
    {
        var server = new LedgerAuditSink(new SqliteLedgerStore(Factory));
        var cli = new LedgerAuditSink(new SqliteLedgerStore(await Database.OpenAnotherAsync()));

        var ids = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            (i % 2 == 0 ? server : cli).RecordAsync(Event("t" + i), CancellationToken.None).AsTask()));

        Assert.Equal(Enumerable.Range(0, 40).Select(i => (long)i), ids.Order());
        var stored = await Reader.SearchAsync(new AuditQuery { Limit = 100 }, CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => "t" + i).Order(StringComparer.Ordinal), stored.Select(r => r.Event.Tool!).Order(StringComparer.Ordinal));
        Assert.All(ids.Select((id, i) => (id, i)), x => Assert.Equal("t" + x.i, stored.Single(r => r.Id == x.id).Event.Tool));
        await LedgerAssert.TreeMatchesEntriesAsync(new SqliteLedgerStore(Factory));
    }

    [Fact]
    public async Task ManyConcurrentCallers_EachReturnsOnlyOnceItsEventIsCommitted_WithItsOwnId()
    {
        await using var sink = Sink;

        var ids = await Task.WhenAll(Enumerable.Range(0, 300).Select(i => sink.RecordAsync(Event("t" + i), CancellationToken.None).AsTask()));

        // Read through another connection, as another process would: every returned call is on disk, under its id.
        var other = new SqliteAuditReader(await Database.OpenAnotherAsync());
        var stored = (await other.SearchAsync(new AuditQuery { Limit = 1_000 }, CancellationToken.None)).ToDictionary(r => r.Id, r => r.Event.Tool);
        Assert.Equal(300, stored.Count);
        Assert.All(ids.Select((id, i) => (id, i)), x => Assert.Equal("t" + x.i, stored[x.id]));
    }

    [Fact]
    public async Task Record_AfterDispose_Throws()
    {
        var sink = Sink;
        await sink.RecordAsync(Event("x"), CancellationToken.None);
        await sink.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => sink.RecordAsync(Event("y"), CancellationToken.None).AsTask());
    }

    [Fact]
    public void Sink_OffersNoWayToChangeOrDelete()
    {
        var sink = typeof(LedgerAuditSink).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly);
        var store = typeof(ILedgerStore).GetMethods().Concat(typeof(ICheckpointStore).GetMethods());

        Assert.Equal(["DisposeAsync", "RecordAllAsync", "RecordAsync"], sink.Select(m => m.Name).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(store, m => m.Name.Contains("Delete", StringComparison.Ordinal) || m.Name.Contains("Update", StringComparison.Ordinal) || m.Name.Contains("Remove", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_FiltersByEveryIndexedField_AndTime()
    {
        await using var sink = Sink;
        await sink.RecordAsync(Event("read", subject: "alice", client: "agent-1", upstream: "notes", decision: "allow"), CancellationToken.None);
        await sink.RecordAsync(Event("delete", subject: "alice", client: "agent-2", upstream: "notes", decision: "deny"), CancellationToken.None);
        await sink.RecordAsync(Event("read", subject: "bob", client: "agent-1", upstream: "files", decision: "allow") with { Timestamp = Now.AddHours(1) }, CancellationToken.None);

        async Task<IEnumerable<long>> Ids(AuditQuery q) => (await Reader.SearchAsync(q, CancellationToken.None)).Select(r => r.Id);

        Assert.Equal([0L, 1L], await Ids(new AuditQuery { Subject = "alice" }));
        Assert.Equal([0L, 2L], await Ids(new AuditQuery { ClientId = "agent-1" }));
        Assert.Equal([2L], await Ids(new AuditQuery { Upstream = "files" }));
        Assert.Equal([1L], await Ids(new AuditQuery { Tool = "delete" }));
        Assert.Equal([1L], await Ids(new AuditQuery { Decision = "deny" }));
        Assert.Equal([2L], await Ids(new AuditQuery { Since = Now.AddMinutes(30) }));
        Assert.Equal([0L], await Ids(new AuditQuery { Subject = "alice", ClientId = "agent-1", Decision = "allow" }));
        Assert.Equal([2L, 1L], await Ids(new AuditQuery { NewestFirst = true, Limit = 2 }));
    }

    private static AuditEvent Event(string tool, string? subject = null, string? client = null, string? upstream = null, string decision = "allow") =>
        new() { Timestamp = Now, Kind = "gateway.call", Decision = decision, Tool = tool, Subject = subject, ClientId = client, Upstream = upstream };
}
