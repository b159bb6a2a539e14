using Mandate.Core.Ledger;
using Mandate.Core.Tests.Support;

namespace Mandate.Core.Tests.Ledger;

public sealed class LedgerStartupCheckTests : IAsyncLifetime
{
    private LedgerHarness ledger = null!;

    public async Task InitializeAsync()
    {
        ledger = await LedgerHarness.CreateAsync();
        await ledger.AppendAsync(6);
        await ledger.Checkpointer.CheckpointAsync(CancellationToken.None);
    }

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    [Fact]
    public async Task AWholeLog_Passes()
    {
        await ledger.AppendAsync(3, from: 6);

        await Check().RunAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData("DELETE FROM ledger_entries WHERE LeafIndex = 5", "entries were deleted")]
    [InlineData("DELETE FROM ledger_entries WHERE LeafIndex = 0", "entry 0 is missing")]
    [InlineData("INSERT INTO ledger_entries (LeafIndex, Entry, Timestamp, Kind, Decision) VALUES (6, x'7b7d', 0, 'k', 'allow')", "do not end with that of entry 6")]
    [InlineData("UPDATE ledger_entries SET Entry = x'7b7d' WHERE LeafIndex = 5", "do not end with that of entry 5")]
    [InlineData("DELETE FROM ledger_nodes WHERE Level = 2", "subtree 2/0")]
    [InlineData("UPDATE ledger_nodes SET Hash = zeroblob(32) WHERE Level = 1 AND NodeIndex = 2", "checkpoint at 6")]
    public async Task ADamagedTail_StopsTheServer_SayingWhat(string tampering, string message)
    {
        await ledger.SqlAsync(tampering);

        var thrown = await Assert.ThrowsAsync<LedgerIntegrityException>(() => Check().RunAsync(CancellationToken.None));
        Assert.Contains(message, thrown.Message, StringComparison.Ordinal);
    }

    private LedgerStartupCheck Check() => ledger.Core.Get<LedgerStartupCheck>();
}
