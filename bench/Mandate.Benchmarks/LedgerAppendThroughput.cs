using BenchmarkDotNet.Attributes;
using Mandate.Core.Audit;
using Mandate.Core.Ledger;

namespace Mandate.Benchmarks;

/// <summary>
/// Issue 5 target: at least 20,000 events/s appended durably with group commit on SQLite. Each operation is one event
/// recorded through <see cref="LedgerAuditSink"/> (redacted, canonicalized, hashed, committed in a batch with whatever
/// else is queued, and awaited until on disk), by <see cref="Producers"/> concurrent callers as the gateway's requests
/// would be. Events/s = 1 / mean time per operation.
/// </summary>
[MemoryDiagnoser]
public class LedgerAppendThroughput
{
    private const int EventsPerInvocation = 8_192;

    private LedgerStoreFixture fixture = null!;
    private LedgerAuditSink sink = null!;
    private AuditEvent sample = null!;

    /// <summary>Callers recording at once (1: no batching, each event its own transaction).</summary>
    [Params(1, 64, 256)]
    public int Producers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        fixture = LedgerStoreFixture.Open(Path.Combine(Path.GetTempPath(), "mandate-bench-append-" + Guid.NewGuid().ToString("N")));
        sink = new LedgerAuditSink(fixture.Store);
        sample = new AuditEvent
        {
            Timestamp = TimeProvider.System.GetUtcNow(),
            Kind = "gateway.call",
            Decision = "allow",
            Reason = "read (catalog)",
            Subject = "usr_4Hj2kq9sLw0",
            ClientId = "agent",
            TokenId = "H9cJaIuLI4mFn4ikR7u5-A",
            ActorChain = """{"client_id":"orchestrator","sub":"usr_4Hj2kq9sLw0"}""",
            Upstream = "notes",
            Method = "tools/call",
            Tool = "read_note",
            ArgumentsDigest = "RBNvo1WzZ4oRRq0W9-hknpT7T8If536DEMBg9hyq_4o",
            LatencyMs = 0.84,
            SourceAddress = "127.0.0.1",
            CorrelationId = "4bf92f3577b34da6a3ce929d0e0e4736",
        };
    }

    [Benchmark(OperationsPerInvoke = EventsPerInvocation)]
    public Task RecordEvents()
    {
        var perProducer = EventsPerInvocation / Producers;
        return Task.WhenAll(Enumerable.Range(0, Producers).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < perProducer; i++)
            {
                await sink.RecordAsync(sample, CancellationToken.None);
            }
        })));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        sink.DisposeAsync().AsTask().GetAwaiter().GetResult();
        fixture.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(fixture.DataDir, recursive: true);
    }
}
