using Mandate.Core.Ledger.Verification;
using Mandate.Core.Tests.Support;
using Mandate.Protocol.Transparency.Checkpoints;
using Mandate.Protocol.Transparency.Notes;

namespace Mandate.Core.Tests.Ledger;

/// <summary>Tamper tests: any edit to stored history, made directly in the database, is found and located.</summary>
public sealed class LedgerVerifierTests : IAsyncLifetime
{
    private LedgerHarness ledger = null!;

    public async Task InitializeAsync()
    {
        ledger = await LedgerHarness.CreateAsync();
        await ledger.AppendAsync(10);
        await ledger.Checkpointer.CheckpointAsync(CancellationToken.None);
        await ledger.AppendAsync(10, from: 10);
        await ledger.Checkpointer.CheckpointAsync(CancellationToken.None);
    }

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    [Fact]
    public async Task AnUntouchedLog_Verifies()
    {
        var result = await VerifyAsync();

        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        Assert.Equal((20L, 2), (result.EntryCount, result.CheckpointsChecked));
    }

    [Fact]
    public async Task AChangedEntry_IsFound_ByIndex()
    {
        await ledger.SqlAsync("UPDATE ledger_entries SET Entry = CAST(REPLACE(CAST(Entry AS TEXT), '\"allow\"', '\"deny\"') AS BLOB) WHERE LeafIndex = 13");

        var problems = (await VerifyAsync()).Problems;

        Assert.Contains(problems, p => p.StartsWith("entry 13 is not the entry that was appended", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("the checkpoint at 20:", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.StartsWith("the checkpoint at 10:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ADeletedEntry_IsFound_ByIndex()
    {
        await ledger.SqlAsync("DELETE FROM ledger_entries WHERE LeafIndex = 4");

        var problems = (await VerifyAsync()).Problems;

        Assert.Contains("entries 4 to 4 are missing (deleted)", problems);
        Assert.Contains(problems, p => p.StartsWith("the checkpoint at 10:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheLastEntriesDeleted_AreFound()
    {
        await ledger.SqlAsync("DELETE FROM ledger_entries WHERE LeafIndex >= 18");

        var problems = (await VerifyAsync()).Problems;

        Assert.Contains("the checkpoint at 20 covers 20 entries but only 18 are stored: entries were deleted", problems);
        Assert.Contains("a leaf hash is stored for index 18 but there is no such entry: it was deleted", problems);
    }

    [Fact]
    public async Task ReorderedEntries_AreFound_ByIndex()
    {
        await ledger.SqlAsync("UPDATE ledger_entries SET LeafIndex = -1 WHERE LeafIndex = 2; UPDATE ledger_entries SET LeafIndex = 2 WHERE LeafIndex = 7; UPDATE ledger_entries SET LeafIndex = 7 WHERE LeafIndex = -1");

        var problems = (await VerifyAsync()).Problems;

        Assert.Contains(problems, p => p.StartsWith("entry 2 is not the entry", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("entry 7 is not the entry", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnInsertedEntry_IsFound_ByIndex()
    {
        // Make room at 5 by moving every later entry up one, then put a new entry there.
        await ledger.SqlAsync("UPDATE ledger_entries SET LeafIndex = -LeafIndex - 1 WHERE LeafIndex >= 5; UPDATE ledger_entries SET LeafIndex = -LeafIndex WHERE LeafIndex < 0;"
            + "INSERT INTO ledger_entries (LeafIndex, Entry, Timestamp, Kind, Decision) SELECT 5, Entry, Timestamp, Kind, Decision FROM ledger_entries WHERE LeafIndex = 0");

        var problems = (await VerifyAsync()).Problems;

        Assert.Contains(problems, p => p.StartsWith("entry 5 is not the entry", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("entry 20 has no stored leaf hash", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EditedSearchColumns_AreFound_ThoughTheTreeStillVerifies()
    {
        await ledger.SqlAsync("UPDATE ledger_entries SET Subject = 'someone-else', Decision = 'allow' WHERE LeafIndex = 5");
        await ledger.SqlAsync("UPDATE ledger_entries SET Timestamp = Timestamp + 1 WHERE LeafIndex = 6");

        var result = await VerifyAsync();

        Assert.Equal(2, result.Problems.Count);
        Assert.Contains(result.Problems, p => p.StartsWith("entry 5: the search columns (sub)", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.StartsWith("entry 6: the search columns (time)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnEntryThatIsNotCanonical_IsFound()
    {
        await ledger.SqlAsync("UPDATE ledger_entries SET Entry = CAST(' ' || CAST(Entry AS TEXT) AS BLOB) WHERE LeafIndex = 9");

        Assert.Contains("entry 9 is not a canonical version 1 ledger entry", (await VerifyAsync()).Problems);
    }

    [Fact]
    public async Task AForgedCheckpoint_IsFound()
    {
        await ledger.SqlAsync("UPDATE ledger_checkpoints SET Note = REPLACE(Note, char(10) || '10' || char(10), char(10) || '11' || char(10)), TreeSize = 11 WHERE TreeSize = 10");

        Assert.Contains((await VerifyAsync()).Problems, p => p.StartsWith("the checkpoint at 11: its signature does not verify", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACheckpointSavedEarlier_FromAFork_IsFound()
    {
        // The operator's own key signs a different history of 15 entries: a fork an auditor kept a checkpoint of.
        var forked = new Checkpoint(ledger.Key.Origin, 15, new byte[32]).Sign(ledger.Key.Signer).ToString();
        var genuine = new Checkpoint(ledger.Key.Origin, 15, await Mandate.Protocol.Transparency.Merkle.MerkleProofs.RootAsync(ledger.Store, 15)).Sign(ledger.Key.Signer).ToString();

        var fork = await ledger.Core.Get<LedgerVerifier>().VerifyAsync(Key, forked, CancellationToken.None);
        var consistent = await ledger.Core.Get<LedgerVerifier>().VerifyAsync(Key, genuine, CancellationToken.None);

        Assert.Contains(fork.Problems, p => p.StartsWith("your saved checkpoint at 15: the first 15 stored entries do not give its root", StringComparison.Ordinal));
        Assert.True(consistent.IsValid);
        Assert.Equal(3, consistent.CheckpointsChecked);
    }

    [Fact]
    public async Task ACheckpointOfAnotherLog_IsRefused()
    {
        using var other = NoteSigner.Generate("elsewhere.example/ledger");
        var foreign = new Checkpoint(other.Name, 5, new byte[32]).Sign(other).ToString();

        Assert.Contains((await ledger.Core.Get<LedgerVerifier>().VerifyAsync(Key, foreign, CancellationToken.None)).Problems, p => p.StartsWith("your saved checkpoint: its signature does not verify", StringComparison.Ordinal));
    }

    private NoteVerifier Key => NoteVerifier.Parse(ledger.Key.VerifierKey);

    private Task<LedgerVerification> VerifyAsync() => ledger.Core.Get<LedgerVerifier>().VerifyAsync(Key, null, CancellationToken.None);
}
