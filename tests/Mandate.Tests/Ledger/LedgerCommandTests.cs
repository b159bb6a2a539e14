using System.Text.Json;
using Mandate.Cli;
using Mandate.Core.Audit;
using Mandate.Protocol.Transparency.Checkpoints;
using Mandate.Tests.Support;

namespace Mandate.Tests.Ledger;

[Collection(ConsoleTests.Name)]
public sealed class LedgerCommandTests : IAsyncLifetime
{
    private readonly TempDataDir data = new();
    private CliLedger ledger = null!;

    public async Task InitializeAsync()
    {
        Assert.Equal(0, (await data.RunAsync("ledger", "key")).ExitCode);
        ledger = new CliLedger(data);
        await ledger.AppendAsync(6);
        await ledger.CheckpointAsync();
        await ledger.AppendAsync(4, from: 6);
        await ledger.CheckpointAsync();
    }

    public async Task DisposeAsync()
    {
        await ledger.DisposeAsync();
        data.Dispose();
    }

    [Fact]
    public async Task Key_PrintsTheVerifierKey_OfTheDataDirectorysLedgerKey()
    {
        var text = await data.RunAsync("ledger", "key");
        var json = await data.RunAsync("ledger", "key", "--json");

        Assert.Equal(ledger.Key.VerifierKey, text.Out.Trim());
        Assert.Equal("127.0.0.1:5080/ledger", json.Json.GetProperty("origin").GetString());
        Assert.Equal(ledger.Key.VerifierKey, json.Json.GetProperty("verifier_key").GetString());
    }

    [Fact]
    public async Task Verify_AWholeLog_ExitsZero()
    {
        var result = await data.RunAsync("ledger", "verify");

        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        Assert.Contains("The ledger verifies: 10 entries, 2 checkpoints", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_AfterAnEditInTheDatabase_ExitsOne_AndSaysWhere()
    {
        await ledger.SqlAsync("UPDATE ledger_entries SET Entry = CAST(REPLACE(CAST(Entry AS TEXT), '\"t3\"', '\"t9\"') AS BLOB) WHERE LeafIndex = 3");

        var result = await data.RunAsync("ledger", "verify", "--json");

        Assert.Equal(1, result.ExitCode);
        Assert.False(result.Json.GetProperty("valid").GetBoolean());
        var problems = result.Json.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!).ToList();
        Assert.Contains(problems, p => p.StartsWith("entry 3 is not the entry that was appended", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Verify_FromACheckpointOfAFork_ExitsOne()
    {
        var fork = Path.Combine(data.Path, "fork.checkpoint");
        await File.WriteAllTextAsync(fork, new Checkpoint(ledger.Key.Origin, 8, new byte[32]).Sign(ledger.Key.Signer).ToString());

        var result = await data.RunAsync("ledger", "verify", "--from-checkpoint", fork);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("your saved checkpoint at 8: the first 8 stored entries do not give its root", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyReceipt_NeedsOnlyTheFileAndTheKey()
    {
        var receipt = await ledger.ReceiptFileAsync(7);
        var nowhere = Path.Combine(Path.GetTempPath(), "mandate-none-" + Guid.NewGuid().ToString("N"));

        var valid = await CliRunner.RunAsync(nowhere, "ledger", "verify-receipt", receipt, "--key", ledger.Key.VerifierKey);
        var json = await CliRunner.RunAsync(nowhere, "ledger", "verify-receipt", receipt, "--key", ledger.Key.VerifierKey, "--json");

        Assert.True(valid.ExitCode == 0, valid.Error);
        Assert.Contains("Valid: entry 7 of 127.0.0.1:5080/ledger (checkpoint of 10 entries).", valid.Out, StringComparison.Ordinal);
        Assert.Equal("t7", json.Json.GetProperty("entry").GetProperty("tool").GetString());
        Assert.False(Directory.Exists(nowhere));
    }

    [Fact]
    public async Task VerifyReceipt_Edited_OrWithAnotherKey_ExitsOne()
    {
        var receipt = await ledger.ReceiptFileAsync(7);
        await File.WriteAllTextAsync(receipt, (await File.ReadAllTextAsync(receipt)).Replace("\"t7\"", "\"t8\"", StringComparison.Ordinal));
        using var other = Mandate.Protocol.Transparency.Notes.NoteSigner.Generate("127.0.0.1:5080/ledger");

        var edited = await data.RunAsync("ledger", "verify-receipt", receipt, "--key", ledger.Key.VerifierKey);
        var otherKey = await data.RunAsync("ledger", "verify-receipt", await ledger.ReceiptFileAsync(2), "--key", other.Verifier.ToString());
        var badKey = await data.RunAsync("ledger", "verify-receipt", receipt, "--key", "not-a-key");

        Assert.Equal((1, 1, 1), (edited.ExitCode, otherKey.ExitCode, badKey.ExitCode));
        Assert.Contains("inclusion proof does not lead", edited.Error, StringComparison.Ordinal);
        Assert.Contains("signature does not verify", otherKey.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tail_PrintsTheLastEntries_OldestFirst_OrAsJsonLines()
    {
        var text = await data.RunAsync("ledger", "tail", "-n", "2");
        var json = await data.RunAsync("ledger", "tail", "-n", "3", "--json");

        var lines = text.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("8  2026-11-28T10:08:00Z  gateway.call  allow  upstream=notes tool=t8", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("9  ", lines[1], StringComparison.Ordinal);
        var records = json.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([7L, 8L, 9L], records.Select(r => r.GetProperty("index").GetInt64()));
        Assert.Equal("t9", records[2].GetProperty("entry").GetProperty("tool").GetString());
    }

    [Fact]
    public async Task Search_CombinesFilters_AndExportsJsonLines()
    {
        await ledger.AppendAsync(1, from: 10, decision: "deny");

        var byUser = await data.RunAsync("ledger", "search", "--user", "usr_odd", "--json");
        var denied = await data.RunAsync("ledger", "search", "--decision", "deny", "--agent", "agent", "--upstream", "notes");
        var byTool = await data.RunAsync("ledger", "search", "--tool", "t4", "--since", "2026-11-28T10:03:00Z", "--json");
        var none = await data.RunAsync("ledger", "search", "--tool", "t2", "--since", "2026-11-28T10:03:00Z");
        var badSince = await data.RunAsync("ledger", "search", "--since", "last tuesday");

        Assert.Equal([1L, 3L, 5L, 7L, 9L], byUser.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("index").GetInt64()));
        Assert.StartsWith("10  ", denied.Out, StringComparison.Ordinal);
        Assert.Single(byTool.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(string.Empty, none.Out);
        Assert.Equal(1, badSince.ExitCode);
    }

    [Fact]
    public async Task AuditList_StillShowsTheNewestFirst()
    {
        var result = await data.RunAsync("audit", "list", "--limit", "2", "--json");

        Assert.Equal([("t9", 9L), ("t8", 8L)], result.Json.EnumerateArray().Select(e => (e.GetProperty("tool").GetString(), e.GetProperty("id").GetInt64())));
    }

    [Fact]
    public async Task Follow_PrintsEntriesAppendedLater()
    {
        using var stop = new CancellationTokenSource();
        using var output = new StringWriter();
        var follow = LedgerReadCommands.FollowAsync(data.Store<IAuditReader>(), 9, json: false, output, stop.Token);

        await ledger.AppendAsync(2, from: 10);
        for (var i = 0; i < 50 && !output.ToString().Contains("t11", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100);
        }

        await stop.CancelAsync();
        await follow;
        Assert.Equal(["10", "11"], output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]));
    }

    [Theory]
    [InlineData("90m", 90)]
    [InlineData("2h", 120)]
    [InlineData("1d", 1440)]
    public void Since_TakesAnAge(string text, int minutes)
    {
        var now = CliLedger.Start;

        Assert.True(LedgerReadCommands.TryParseSince(text, now, out var since));
        Assert.Equal(now.AddMinutes(-minutes), since);
    }
}
