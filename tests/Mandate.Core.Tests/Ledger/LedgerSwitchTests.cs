using Mandate.Core.Audit;
using Mandate.Core.Ledger;
using Mandate.Core.Tests.Support;

namespace Mandate.Core.Tests.Ledger;

/// <summary>Ledger:Enabled: on by default (the durable ledger); off, nothing is recorded and no id is handed out.</summary>
public sealed class LedgerSwitchTests
{
    [Fact]
    public async Task ByDefault_TheSinkIsTheLedger()
    {
        await using var harness = await CoreHarness.CreateAsync(sqlite: true);

        Assert.IsType<LedgerAuditSink>(harness.Get<IAuditSink>());
    }

    [Fact]
    public async Task SwitchedOff_NothingIsRecorded_AndTheIdSaysSo()
    {
        await using var harness = await CoreHarness.CreateAsync(sqlite: true, configure: o => o.Ledger.Enabled = false);
        var sink = harness.Get<IAuditSink>();

        var id = await sink.RecordAsync(new AuditEvent { Timestamp = harness.Time.GetUtcNow(), Kind = "test.event", Decision = "allow" }, CancellationToken.None);

        Assert.IsType<DiscardingAuditSink>(sink);
        Assert.Equal(DiscardingAuditSink.NotRecorded, id);
        Assert.Equal(0, await harness.Get<ILedgerStore>().GetSizeAsync(CancellationToken.None));
    }
}
