using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Mandate.Core.Ledger.Receipts;
using Mandate.Protocol.Transparency.Checkpoints;
using Mandate.Protocol.Transparency.Merkle;
using Mandate.Protocol.Transparency.Notes;
using Mandate.Protocol.Transparency.Tiles;

namespace Mandate.Server.Tests.Ledger;

/// <summary>
/// /ledger/...: checkpoint, tiles, entries with proofs, consistency proofs and receipts, and 400/404 as problem+json.
/// The tests share one log of 300 entries; those that grow it use a server of their own.
/// </summary>
public sealed class LedgerEndpointTests(Log300Fixture fixture) : IClassFixture<Log300Fixture>
{
    private readonly LedgerServer ledger = fixture.Ledger;

    [Fact]
    public async Task Checkpoint_IsTheSignedNote_AsPlainText()
    {
        using var response = await ledger.Http.GetAsync(ledger.Url("/ledger/checkpoint"));

        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("public, max-age=1", response.Headers.CacheControl!.ToString());
        var checkpoint = Open(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(300, checkpoint.TreeSize);
    }

    [Fact]
    public async Task Entry_ComesWithItsInclusionProof_AgainstTheLatestCheckpoint()
    {
        using var response = await ledger.Http.GetAsync(ledger.Url("/ledger/entries/123"));

        Assert.True(ReceiptJson.TryParse(await response.Content.ReadAsByteArrayAsync(), out var receipt, out _));
        var result = ReceiptVerifier.Verify(receipt, Key);
        Assert.True(result.IsValid, result.Error);
        Assert.Equal("t123", result.Event!.Tool);
    }

    [Theory]
    [InlineData("/ledger/entries/abc", HttpStatusCode.BadRequest)]
    [InlineData("/ledger/entries/-1", HttpStatusCode.BadRequest)]
    [InlineData("/ledger/entries/0123", HttpStatusCode.BadRequest)]
    [InlineData("/ledger/entries/99999999999999999999", HttpStatusCode.BadRequest)]
    [InlineData("/ledger/entries/300", HttpStatusCode.NotFound)]
    [InlineData("/ledger/receipts/x", HttpStatusCode.BadRequest)]
    [InlineData("/ledger/receipts/5000", HttpStatusCode.NotFound)]
    [InlineData("/ledger/proof/consistency", HttpStatusCode.BadRequest)]
    [InlineData("/ledger/proof/consistency?from=0&to=5", HttpStatusCode.BadRequest)]
    [InlineData("/ledger/proof/consistency?from=6&to=5", HttpStatusCode.BadRequest)]
    [InlineData("/ledger/proof/consistency?from=1&to=301", HttpStatusCode.BadRequest)]
    [InlineData("/ledger/proof/consistency?from=1&from=2&to=5", HttpStatusCode.BadRequest)]
    [InlineData("/ledger/tile/0/1", HttpStatusCode.BadRequest)]
    [InlineData("/ledger/tile/0/000.p/0", HttpStatusCode.BadRequest)]
    [InlineData("/ledger/tile/64/000", HttpStatusCode.BadRequest)]
    [InlineData("/ledger/tile/0/001", HttpStatusCode.NotFound)]
    [InlineData("/ledger/tile/0/001.p/45", HttpStatusCode.NotFound)]
    [InlineData("/ledger/tile/entries/002.p/1", HttpStatusCode.NotFound)]
    [InlineData("/ledger/tile/2/000.p/1", HttpStatusCode.NotFound)]
    public async Task BadInput_Is400_AndWhatIsNotThere404_AsProblemJson(string path, HttpStatusCode status)
    {
        using var response = await ledger.Http.GetAsync(ledger.Url(path));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task ConsistencyProof_LinksTwoCheckpoints()
    {
        await using var own = await LedgerServer.StartAsync(entries: 300);
        var old = await own.CheckpointAsync();
        await own.AppendAsync(45, first: 300);
        var current = await own.CheckpointAsync();

        using var response = await own.Http.GetAsync(own.Url("/ledger/proof/consistency?from=300&to=345"));
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var proof = document.RootElement.GetProperty("proof").EnumerateArray().Select(h => h.GetBytesFromBase64()).ToList();
        Assert.True(MerkleProofVerifier.VerifyConsistency(300, 345, proof, old.RootHash, current.RootHash));
        Assert.Equal(300, document.RootElement.GetProperty("from").GetInt64());
    }

    [Fact]
    public async Task Receipt_IsPending_UntilACheckpointCoversIt()
    {
        await using var own = await LedgerServer.StartAsync(entries: 300);
        var id = await own.AppendAsync(1, first: 1000);

        using var pending = await own.Http.GetAsync(own.Url($"/ledger/receipts/{id}"));
        Assert.Equal(HttpStatusCode.Accepted, pending.StatusCode);
        Assert.Equal("3600", pending.Headers.RetryAfter!.ToString());
        Assert.Contains("\"pending\"", await pending.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await own.CheckpointAsync();
        using var found = await own.Http.GetAsync(own.Url($"/ledger/receipts/{id}"));
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.True(ReceiptJson.TryParse(await found.Content.ReadAsByteArrayAsync(), out var receipt, out _));
        Assert.True(ReceiptVerifier.Verify(receipt, NoteVerifier.Parse(own.VerifierKey)).IsValid);
    }

    [Fact]
    public async Task Tiles_FullAreImmutable_PartialShortLived_AndMatchTheTree()
    {
        using var full = await ledger.Http.GetAsync(ledger.Url("/ledger/tile/0/000"));
        using var partial = await ledger.Http.GetAsync(ledger.Url("/ledger/tile/0/001.p/44"));
        using var narrower = await ledger.Http.GetAsync(ledger.Url("/ledger/tile/0/001.p/10"));
        using var top = await ledger.Http.GetAsync(ledger.Url("/ledger/tile/1/000.p/1"));

        Assert.Equal("public, max-age=31536000, immutable", full.Headers.CacheControl!.ToString());
        Assert.Equal("public, max-age=10", partial.Headers.CacheControl!.ToString());
        Assert.Equal("application/octet-stream", full.Content.Headers.ContentType!.MediaType);
        var level0 = await full.Content.ReadAsByteArrayAsync();
        Assert.Equal(256 * 32, level0.Length);
        Assert.Equal(44 * 32, (await partial.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal((await partial.Content.ReadAsByteArrayAsync())[..(10 * 32)], await narrower.Content.ReadAsByteArrayAsync());
        Assert.Equal(MerkleAccumulator.RootOf(level0.Chunk(32)), await top.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task EntryBundles_HoldTheEntries_GzippedWhenAsked()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ledger.Url("/ledger/tile/entries/001.p/44"));
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        using var gzipped = await ledger.Http.SendAsync(request);
        using var plain = await ledger.Http.GetAsync(ledger.Url("/ledger/tile/entries/001.p/44"));

        Assert.Equal("gzip", gzipped.Content.Headers.ContentEncoding.Single());
        await using var unzip = new GZipStream(await gzipped.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        using var unzipped = new MemoryStream();
        await unzip.CopyToAsync(unzipped);
        var bundle = await plain.Content.ReadAsByteArrayAsync();
        Assert.Equal(bundle, unzipped.ToArray());
        Assert.True(EntryBundle.TryDecode(bundle, out var entries));
        Assert.Equal(44, entries.Count);
        Assert.Contains("\"tool\":\"t256\"", Encoding.UTF8.GetString(entries[0]), StringComparison.Ordinal);
    }

    private NoteVerifier Key => NoteVerifier.Parse(ledger.VerifierKey);

    private Checkpoint Open(byte[] note)
    {
        Assert.True(Checkpoint.TryOpen(note, new NoteVerifierList(Key), Key.Name, out var checkpoint, out _));
        return checkpoint;
    }
}
