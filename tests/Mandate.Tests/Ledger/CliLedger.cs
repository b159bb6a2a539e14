using Mandate.Core.Audit;
using Mandate.Core.Ledger;
using Mandate.Core.Ledger.Checkpoints;
using Mandate.Core.Ledger.Receipts;
using Mandate.Storage;
using Mandate.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mandate.Tests.Ledger;

/// <summary>Writes a ledger into a data directory the way the server does (same key file, same store), for the CLI to read.</summary>
public sealed class CliLedger(TempDataDir data) : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);

    private LedgerAuditSink? sink;
    private LedgerKey? key;

    public LedgerKey Key => key ??= LedgerKey.LoadOrCreate(Path.Combine(data.Path, LedgerKey.FileName), "127.0.0.1:5080/ledger");

    public async Task AppendAsync(int count, int from = 0, string decision = "allow")
    {
        sink ??= new LedgerAuditSink(data.Store<ILedgerStore>());
        for (var i = from; i < from + count; i++)
        {
            await sink.RecordAsync(
                new AuditEvent { Timestamp = Start.AddMinutes(i), Kind = "gateway.call", Decision = decision, Tool = "t" + i, Subject = i % 2 == 0 ? "usr_even" : "usr_odd", ClientId = "agent", Upstream = "notes" },
                CancellationToken.None);
        }
    }

    public Task<StoredCheckpoint?> CheckpointAsync() =>
        new LedgerCheckpointer(data.Store<ILedgerStore>(), data.Store<ICheckpointStore>(), Key, TimeProvider.System, NullLogger<LedgerCheckpointer>.Instance).CheckpointAsync(CancellationToken.None);

    public async Task<string> ReceiptFileAsync(long index)
    {
        var (_, receipt) = await new LedgerReceipts(data.Store<ILedgerStore>(), data.Store<ICheckpointStore>()).GetAsync(index, CancellationToken.None);
        var path = Path.Combine(data.Path, $"receipt-{index}.json");
        await File.WriteAllBytesAsync(path, ReceiptJson.Serialize(receipt!));
        return path;
    }

    public async Task SqlAsync(string sql)
    {
        await using var db = await data.Store<IDbContextFactory<MandateDbContext>>().CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    public async ValueTask DisposeAsync()
    {
        if (sink is not null)
        {
            await sink.DisposeAsync();
        }

        key?.Dispose();
    }
}
