using System.Text;
using Mandate.Core.Tests.Support;
using Mandate.Protocol.Transparency.Checkpoints;
using Mandate.Protocol.Transparency.Merkle;
using Mandate.Protocol.Transparency.Notes;

namespace Mandate.Core.Tests.Ledger;

public sealed class LedgerCheckpointerTests : IAsyncLifetime
{
    private LedgerHarness ledger = null!;

    public async Task InitializeAsync() => ledger = await LedgerHarness.CreateAsync();

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    [Fact]
    public async Task AnEmptyLog_GetsASignedCheckpointOfSizeZero()
    {
        var signed = await ledger.Checkpointer.CheckpointAsync(CancellationToken.None);

        var checkpoint = Open(signed!.Note);
        Assert.Equal(("as.example.com/ledger", 0L), (checkpoint.Origin, checkpoint.TreeSize));
        Assert.Equal(MerkleHash.EmptyRoot(), checkpoint.RootHash.ToArray());
    }

    [Fact]
    public async Task AGrownLog_GetsANewCheckpoint_AnUnchangedOneDoesNot()
    {
        await ledger.AppendAsync(5);
        var first = await ledger.Checkpointer.CheckpointAsync(CancellationToken.None);
        var again = await ledger.Checkpointer.CheckpointAsync(CancellationToken.None);
        await ledger.AppendAsync(3, from: 5);
        var grown = await ledger.Checkpointer.CheckpointAsync(CancellationToken.None);

        Assert.Equal(5, first!.TreeSize);
        Assert.Equal(first.Note, again!.Note);
        Assert.Equal(8, Open(grown!.Note).TreeSize);
        Assert.Equal(await MerkleProofs.RootAsync(ledger.Store, 8), Open(grown.Note).RootHash.ToArray());
        Assert.Equal([5L, 8L], (await ledger.Checkpoints.ListAsync(CancellationToken.None)).Select(c => c.TreeSize));
    }

    [Fact]
    public async Task AChangedStoredHistory_GetsNoNewSignature()
    {
        await ledger.AppendAsync(4);
        await ledger.Checkpointer.CheckpointAsync(CancellationToken.None);
        await ledger.SqlAsync("UPDATE ledger_nodes SET Hash = zeroblob(32) WHERE Level = 2 AND NodeIndex = 0");
        await ledger.AppendAsync(1, from: 4);

        Assert.Null(await ledger.Checkpointer.CheckpointAsync(CancellationToken.None));
        Assert.Equal(4, (await ledger.Checkpoints.GetLatestAsync(CancellationToken.None))!.TreeSize);
    }

    [Fact]
    public async Task AShrunkLog_GetsNoNewSignature()
    {
        await ledger.AppendAsync(3);
        await ledger.Checkpointer.CheckpointAsync(CancellationToken.None);
        await ledger.SqlAsync("DELETE FROM ledger_entries WHERE LeafIndex = 2");

        Assert.Null(await ledger.Checkpointer.CheckpointAsync(CancellationToken.None));
    }

    [Fact]
    public void TheKey_IsOwnerOnly_AndTheSameAfterAReload()
    {
        var path = Path.Combine(ledger.Core.DataDir, "ledger.key");
        var verifier = ledger.Key.VerifierKey;

        using var reloaded = Mandate.Core.Ledger.Checkpoints.LedgerKey.LoadOrCreate(path, "another.example/ledger");

        Assert.Equal(verifier, reloaded.VerifierKey);
        Assert.StartsWith("as.example.com/ledger+", verifier, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Theory]
    [InlineData("https://mandate.example.com", "mandate.example.com/ledger")]
    [InlineData("http://127.0.0.1:5080", "127.0.0.1:5080/ledger")]
    [InlineData("https://example.com:8443/tenant", "example.com:8443/tenant/ledger")]
    public void TheOrigin_IsTheIssuersSchemelessPrefix_PlusLedger(string issuer, string origin)
    {
        Assert.Equal(origin, Mandate.Core.Ledger.Checkpoints.LedgerOrigin.FromIssuer(issuer));
    }

    private Checkpoint Open(string note)
    {
        Assert.True(Checkpoint.TryOpen(Encoding.UTF8.GetBytes(note), new NoteVerifierList(NoteVerifier.Parse(ledger.Key.VerifierKey)), ledger.Key.Origin, out var checkpoint, out _));
        return checkpoint;
    }
}
