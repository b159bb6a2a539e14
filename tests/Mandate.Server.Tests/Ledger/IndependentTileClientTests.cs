using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Mandate.Server.Tests.Ledger;

/// <summary>
/// A tile client written here from the C2SP specs alone (signed-note, tlog-checkpoint, tlog-tiles) and RFC 9162,
/// sharing no code with Mandate: it checks the checkpoint's Ed25519 signature with the verifier key string, reads the
/// level-0 tiles and entry bundles, checks every entry against its leaf hash and the level-1 tile against the level-0
/// ones, and recomputes the root.
/// </summary>
public sealed class IndependentTileClientTests : IAsyncLifetime
{
    private readonly LedgerServer ledger = new();

    public async Task InitializeAsync()
    {
        await ledger.InitializeAsync();
        await ledger.AppendAsync(600);
        await ledger.CheckpointAsync();
    }

    public Task DisposeAsync() => ledger.DisposeAsync();

    [Fact]
    public async Task TheLog_ReadAsTiles_VerifiesWithOnlyTheVerifierKey()
    {
        var (origin, size, root) = await FetchCheckpointAsync(ledger.VerifierKey);
        Assert.Equal(600, size);
        Assert.EndsWith("/ledger", origin, StringComparison.Ordinal);

        var leaves = new List<byte[]>();
        for (long n = 0; n * 256 < size; n++)
        {
            var width = (int)Math.Min(256, size - (n * 256));
            var suffix = width == 256 ? string.Empty : ".p/" + width.ToString(CultureInfo.InvariantCulture);
            var tile = await ledger.Http.GetByteArrayAsync(ledger.Url("/ledger/tile/0/" + TileIndex(n) + suffix));
            var bundle = await ledger.Http.GetByteArrayAsync(ledger.Url("/ledger/tile/entries/" + TileIndex(n) + suffix));
            var entries = SplitBundle(bundle);
            Assert.Equal(width, entries.Count);
            for (var i = 0; i < width; i++)
            {
                var hash = tile.AsSpan(i * 32, 32).ToArray();
                Assert.Equal(hash, SHA256.HashData([0x00, .. entries[i]]));
                leaves.Add(hash);
            }
        }

        var level1 = await ledger.Http.GetByteArrayAsync(ledger.Url("/ledger/tile/1/000.p/2"));
        Assert.Equal(Mth(leaves.GetRange(0, 256)), level1[..32]);
        Assert.Equal(Mth(leaves.GetRange(256, 256)), level1[32..]);
        Assert.Equal(root, Mth(leaves));
    }

    /// <summary>Opens the checkpoint note: signed by the key (name and key ID), origin = key name, then size and root.</summary>
    private async Task<(string Origin, long Size, byte[] Root)> FetchCheckpointAsync(string verifierKey)
    {
        var parts = verifierKey.Split('+', 3);
        var typed = Convert.FromBase64String(parts[2]);
        Assert.Equal(0x01, typed[0]);
        var keyId = SHA256.HashData([.. Encoding.UTF8.GetBytes(parts[0]), 0x0A, .. typed]).AsSpan(0, 4).ToArray();
        Assert.Equal(parts[1], Convert.ToHexStringLower(keyId));
        var publicKey = PublicKey.Import(SignatureAlgorithm.Ed25519, typed.AsSpan(1), KeyBlobFormat.RawPublicKey);

        var note = await ledger.Http.GetStringAsync(ledger.Url("/ledger/checkpoint"));
        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        var text = note[..(split + 1)];
        var signatures = note[(split + 2)..].TrimEnd('\n').Split('\n');
        var verified = signatures.Count(line =>
        {
            var fields = line.Split(' ');
            var sig = Convert.FromBase64String(fields[2]);
            return fields[0] == "\u2014" && fields[1] == parts[0] && sig.AsSpan(0, 4).SequenceEqual(keyId)
                && SignatureAlgorithm.Ed25519.Verify(publicKey, Encoding.UTF8.GetBytes(text), sig.AsSpan(4));
        });
        Assert.Equal(1, verified);

        var lines = text.TrimEnd('\n').Split('\n');
        Assert.Equal(parts[0], lines[0]);
        return (lines[0], long.Parse(lines[1], CultureInfo.InvariantCulture), Convert.FromBase64String(lines[2]));
    }

    private static string TileIndex(long n)
    {
        var groups = new List<string>();
        do
        {
            groups.Insert(0, (n % 1000).ToString("D3", CultureInfo.InvariantCulture));
            n /= 1000;
        }
        while (n > 0);

        return string.Join('/', groups.Select((g, i) => i < groups.Count - 1 ? "x" + g : g));
    }

    private static List<byte[]> SplitBundle(byte[] bundle)
    {
        var entries = new List<byte[]>();
        for (var offset = 0; offset < bundle.Length;)
        {
            var length = BinaryPrimitives.ReadUInt16BigEndian(bundle.AsSpan(offset));
            entries.Add(bundle.AsSpan(offset + 2, length).ToArray());
            offset += 2 + length;
        }

        return entries;
    }

    /// <summary>RFC 9162 §2.1.1 Merkle Tree Hash over leaf hashes, as the RFC writes it.</summary>
    private static byte[] Mth(List<byte[]> leafHashes)
    {
        if (leafHashes.Count == 1)
        {
            return leafHashes[0];
        }

        var k = 1;
        while (k * 2 < leafHashes.Count)
        {
            k *= 2;
        }

        return SHA256.HashData([0x01, .. Mth(leafHashes.GetRange(0, k)), .. Mth(leafHashes.GetRange(k, leafHashes.Count - k))]);
    }
}
