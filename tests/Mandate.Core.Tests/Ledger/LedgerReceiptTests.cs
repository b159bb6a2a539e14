using System.Text;
using System.Text.Json;
using Mandate.Core.Ledger.Receipts;
using Mandate.Core.Tests.Support;
using Mandate.Protocol.Transparency.Notes;

namespace Mandate.Core.Tests.Ledger;

public sealed class LedgerReceiptTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private LedgerHarness ledger = null!;

    private NoteVerifier Key => NoteVerifier.Parse(ledger.Key.VerifierKey);

    public async Task InitializeAsync()
    {
        ledger = await LedgerHarness.CreateAsync();
        await ledger.AppendAsync(11);
    }

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    [Fact]
    public async Task AReceipt_IsPendingUntilACheckpointCoversIt_ThenVerifiesWithTheKeyAlone()
    {
        Assert.Equal(ReceiptStatus.Pending, (await Receipts().GetAsync(7, CancellationToken.None)).Status);
        Assert.Equal(ReceiptStatus.NotFound, (await Receipts().GetAsync(11, CancellationToken.None)).Status);
        await ledger.Checkpointer.CheckpointAsync(CancellationToken.None);

        var (status, receipt) = await Receipts().GetAsync(7, CancellationToken.None);

        Assert.Equal(ReceiptStatus.Found, status);
        Assert.True(ReceiptJson.TryParse(ReceiptJson.Serialize(receipt!), out var parsed, out _));
        var result = ReceiptVerifier.Verify(parsed, Key);
        Assert.True(result.IsValid, result.Error);
        Assert.Equal(("t7", 11L), (result.Event!.Tool, result.Checkpoint!.TreeSize));
    }

    [Fact]
    public async Task AReceipt_StillVerifies_ReindentedOrWithMembersReordered()
    {
        var json = await ReceiptTextAsync(3);
        using var document = JsonDocument.Parse(json);
        var reordered = "{\n  \"checkpoint\": " + document.RootElement.GetProperty("checkpoint").GetRawText()
            + ",\n  \"entry\": " + JsonSerializer.Serialize(document.RootElement.GetProperty("entry"), Indented)
            + ",\n  \"inclusion_proof\": " + document.RootElement.GetProperty("inclusion_proof").GetRawText()
            + ",\n  \"index\": 3, \"v\": 1 }";

        Assert.True(Verify(reordered).IsValid);
    }

    [Theory]
    [InlineData("\"decision\":\"allow\"", "\"decision\":\"deny\"", "inclusion proof does not lead")]
    [InlineData("\"index\":3", "\"index\":4", "inclusion proof does not lead")]
    [InlineData("\"index\":3", "\"index\":12", "not within the checkpoint")]
    [InlineData("as.example.com/ledger\\n11\\n", "as.example.com/ledger\\n12\\n", "signature does not verify")]
    public async Task AnEditedReceipt_DoesNotVerify(string from, string to, string error)
    {
        var json = await ReceiptTextAsync(3);
        Assert.Contains(from, json, StringComparison.Ordinal);

        var result = Verify(json.Replace(from, to, StringComparison.Ordinal));

        Assert.False(result.IsValid);
        Assert.Contains(error, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReceipt_DoesNotVerify_WithAnotherLogsKey()
    {
        var json = await ReceiptTextAsync(3);
        using var other = NoteSigner.Generate("as.example.com/ledger");

        Assert.False(ReceiptJson.TryParse(Encoding.UTF8.GetBytes(json), out var receipt, out _) ? ReceiptVerifier.Verify(receipt, other.Verifier).IsValid : true);
    }

    [Fact]
    public async Task AnEditedProofHash_DoesNotVerify()
    {
        var (_, receipt) = await ReceiptAsync(3);
        var proof = receipt.InclusionProof.Select(h => (byte[])h.Clone()).ToList();
        proof[0][0] ^= 1;

        Assert.False(ReceiptVerifier.Verify(receipt with { InclusionProof = proof }, Key).IsValid);
    }

    private LedgerReceipts Receipts() => ledger.Core.Get<LedgerReceipts>();

    private async Task<(ReceiptStatus, LedgerReceipt)> ReceiptAsync(long index)
    {
        await ledger.Checkpointer.CheckpointAsync(CancellationToken.None);
        var (status, receipt) = await Receipts().GetAsync(index, CancellationToken.None);
        return (status, receipt!);
    }

    private async Task<string> ReceiptTextAsync(long index) => Encoding.UTF8.GetString(ReceiptJson.Serialize((await ReceiptAsync(index)).Item2, indented: false));

    private ReceiptVerification Verify(string json) =>
        ReceiptJson.TryParse(Encoding.UTF8.GetBytes(json), out var receipt, out var error) ? ReceiptVerifier.Verify(receipt, Key) : ReceiptVerification.Fail(error);
}
