using Mandate.Core.Audit;
using Mandate.Core.Ledger;
using Mandate.Core.Ledger.Checkpoints;
using Mandate.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Core.Tests.Support;

/// <summary>The ledger as the server wires it (SQLite in a temporary data directory), with a way to tamper with its rows.</summary>
public sealed class LedgerHarness : IAsyncDisposable
{
    private LedgerHarness(CoreHarness core)
    {
        Core = core;
    }

    public CoreHarness Core { get; }

    public IAuditSink Sink => Core.Get<IAuditSink>();

    public ILedgerStore Store => Core.Get<ILedgerStore>();

    public ICheckpointStore Checkpoints => Core.Get<ICheckpointStore>();

    public LedgerCheckpointer Checkpointer => Core.Get<LedgerCheckpointer>();

    public LedgerKey Key => Core.Get<LedgerKey>();

    public static async Task<LedgerHarness> CreateAsync() => new(await CoreHarness.CreateAsync(sqlite: true));

    /// <summary>Appends events k0..k(n-1) (tool t{i}) one call each.</summary>
    public async Task AppendAsync(int count, int from = 0)
    {
        for (var i = from; i < from + count; i++)
        {
            await Sink.RecordAsync(new AuditEvent { Timestamp = CoreHarness.Start.AddSeconds(i), Kind = "gateway.call", Decision = "allow", Tool = "t" + i }, CancellationToken.None);
        }
    }

    /// <summary>Runs SQL on the database directly, as someone with the file would.</summary>
    public async Task SqlAsync(string sql)
    {
        await using var db = await Core.Get<IDbContextFactory<MandateDbContext>>().CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    public async ValueTask DisposeAsync()
    {
        if (Core.Get<IAuditSink>() is IAsyncDisposable sink)
        {
            await sink.DisposeAsync();
        }

        await Core.DisposeAsync();
    }
}
