using System.Reflection;
using Mandate.Core.Audit;
using Mandate.Storage.Stores;
using Mandate.Storage.Tests.Support;

namespace Mandate.Storage.Tests.Stores;

public abstract class AuditSinkContract(Func<Task<TestDatabase>> createDatabase) : StoreTestBase(createDatabase)
{
    private EfAuditSink Sink => new(Factory);

    private EfAuditReader Reader => new(Factory);

    [Fact]
    public async Task Record_ThenRead_RoundTripsEveryField()
    {
        var full = new AuditEvent
        {
            Timestamp = Now,
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
            ActorChain = """{"sub":"b","client_id":"b","act":{"sub":"a","client_id":"a"}}""",
        };

        await Sink.RecordAsync(full, CancellationToken.None);

        Assert.Equal(full, Assert.Single(await Reader.ListRecentAsync(10, CancellationToken.None)));
    }

    [Fact]
    public async Task Read_NewestFirst_UpToTheLimit()
    {
        for (var i = 0; i < 5; i++)
        {
            await Sink.RecordAsync(new AuditEvent { Timestamp = Now, Kind = "k" + i, Decision = "allow" }, CancellationToken.None);
        }

        Assert.Equal(["k4", "k3", "k2"], (await Reader.ListRecentAsync(3, CancellationToken.None)).Select(e => e.Kind));
    }

    [Fact]
    public async Task TwoProcesses_AppendConcurrently_NothingLost()
    {
        var cli = new EfAuditSink(await Database.OpenAnotherAsync());

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            (i % 2 == 0 ? Sink : cli).RecordAsync(new AuditEvent { Timestamp = Now, Kind = "k", Decision = "allow", Tool = "t" + i }, CancellationToken.None).AsTask()));

        Assert.Equal(20, (await Reader.ListRecentAsync(100, CancellationToken.None)).Select(e => e.Tool).Distinct().Count());
    }

    [Fact]
    public async Task ManyConcurrentCallers_EachReturnsOnlyOnceItsEventIsCommitted()
    {
        await using var sink = new EfAuditSink(Factory);

        await Task.WhenAll(Enumerable.Range(0, 300).Select(i =>
            sink.RecordAsync(new AuditEvent { Timestamp = Now, Kind = "k", Decision = "allow", Tool = "t" + i }, CancellationToken.None).AsTask()));

        // Read through another connection, as another process would: every returned call is on disk.
        var other = new EfAuditReader(await Database.OpenAnotherAsync());
        Assert.Equal(300, (await other.ListRecentAsync(1_000, CancellationToken.None)).Select(e => e.Tool).Distinct().Count());
    }

    [Fact]
    public async Task Record_AfterDispose_Throws()
    {
        var sink = new EfAuditSink(Factory);
        await sink.RecordAsync(new AuditEvent { Timestamp = Now, Kind = "k", Decision = "allow" }, CancellationToken.None);
        await sink.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => sink.RecordAsync(new AuditEvent { Timestamp = Now, Kind = "k", Decision = "allow" }, CancellationToken.None).AsTask());
    }

    [Fact]
    public void Sink_OffersNoWayToChangeOrDelete()
    {
        var methods = typeof(EfAuditSink).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly);

        Assert.Equal(["DisposeAsync", "RecordAsync"], methods.Select(m => m.Name).Order(StringComparer.Ordinal));
    }
}
