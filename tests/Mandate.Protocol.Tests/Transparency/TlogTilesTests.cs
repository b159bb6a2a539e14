using Mandate.Protocol.Transparency.Merkle;
using Mandate.Protocol.Transparency.Tiles;

namespace Mandate.Protocol.Tests.Transparency;

/// <summary>C2SP tlog-tiles: the spec's path and layout examples, tile contents, tile-backed proofs and entry bundles.</summary>
public class TlogTilesTests
{
    [Theory]
    [InlineData(0, 1234067, 256, "tile/0/x001/x234/067")] // the spec's example
    [InlineData(0, 1234067, 8, "tile/0/x001/x234/067.p/8")]
    [InlineData(TlogTile.EntriesLevel, 1234067, 8, "tile/entries/x001/x234/067.p/8")]
    [InlineData(1, 0, 256, "tile/1/000")]
    [InlineData(2, 999, 1, "tile/2/999.p/1")]
    [InlineData(63, 1000, 255, "tile/63/x001/000.p/255")]
    [InlineData(0, long.MaxValue, 256, "tile/0/x009/x223/x372/x036/x854/x775/807")]
    public void Path_EncodesLevelIndexGroupsAndWidth_AndParsesBack(int level, long index, int width, string path)
    {
        var tile = new TlogTile(level, index, width);
        Assert.Equal(path, tile.Path);
        Assert.True(TlogTile.TryParsePath(path, out var parsed));
        Assert.Equal(tile, parsed);
    }

    [Theory]
    [InlineData("tile/0/1234067")]
    [InlineData("tile/0/x1234/067")]
    [InlineData("tile/0/x000/001")]
    [InlineData("tile/0/01")]
    [InlineData("tile/0/0001")]
    [InlineData("tile/0/x001")]
    [InlineData("tile/00/000")]
    [InlineData("tile/64/000")]
    [InlineData("tile/-1/000")]
    [InlineData("tile/data/000")]
    [InlineData("tile/0/000.p/256")]
    [InlineData("tile/0/000.p/0")]
    [InlineData("tile/0/000.p/08")]
    [InlineData("tile/0/000.p")]
    [InlineData("tile/0/000/")]
    [InlineData("/tile/0/000")]
    [InlineData("tile/0/x009/x223/x372/x036/x854/x775/808")]
    [InlineData("tile/0/x999/x999/x999/x999/x999/x999/x999/999")]
    [InlineData("tile/0/abc")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParsePath_NonCanonicalOrOutOfRange_IsRefused(string? path)
    {
        Assert.False(TlogTile.TryParsePath(path, out _));
    }

    [Fact]
    public void SpecExample_TreeOf70000_HasTheTilesTheSpecLists()
    {
        var tiles = TlogTiles.AllTiles(70_000).ToList();
        Assert.Equal(273, tiles.Count(t => t is { Level: 0, IsPartial: false }));
        Assert.Equal(new TlogTile(0, 273, 112), Assert.Single(tiles, t => t is { Level: 0, IsPartial: true }));
        Assert.Equal(new TlogTile(1, 0, 256), Assert.Single(tiles, t => t is { Level: 1, IsPartial: false }));
        Assert.Equal(new TlogTile(1, 1, 17), Assert.Single(tiles, t => t is { Level: 1, IsPartial: true }));
        Assert.Equal(new TlogTile(2, 0, 1), Assert.Single(tiles, t => t.Level == 2));
        Assert.Equal(277, tiles.Count);
        Assert.Equal([new TlogTile(0, 273, 112), new TlogTile(1, 1, 17), new TlogTile(2, 0, 1)], TlogTiles.PartialTiles(70_000));
    }

    [Fact]
    public void SpecExample_TreeOf256_IsOneFullTileAndAPartialLevel1TileOfWidth1()
    {
        Assert.Equal([new TlogTile(0, 0, 256), new TlogTile(1, 0, 1)], TlogTiles.AllTiles(256));
        Assert.Null(TlogTiles.TileAt(0, 1, 256));
        Assert.Empty(TlogTiles.AllTiles(0));
        Assert.Equal(0, TlogTiles.HashCount(8, long.MaxValue));
    }

    [Fact]
    public void NewTiles_AreTheTilesThatAppearOrGrow()
    {
        Assert.Equal(TlogTiles.AllTiles(70_000), TlogTiles.NewTiles(0, 70_000));
        Assert.Equal([new TlogTile(0, 273, 113)], TlogTiles.NewTiles(70_000, 70_001));
        Assert.Equal([new TlogTile(0, 255, 256), new TlogTile(1, 0, 256), new TlogTile(2, 0, 1)], TlogTiles.NewTiles(65_535, 65_536));
        Assert.Empty(TlogTiles.NewTiles(5, 5));
    }

    [Fact]
    public async Task TileContent_IsTheConcatenatedHashesOfItsLevel()
    {
        var tree = Tree(600);
        var level0 = await TlogTiles.ReadTileAsync(tree, new TlogTile(0, 2, 88));
        Assert.Equal(88 * 32, level0.Length);
        Assert.Equal(tree.GetHash(new MerkleNodeId(0, 512)), level0[..32]);
        Assert.Equal(tree.GetHash(new MerkleNodeId(0, 599)), level0[^32..]);

        var level1 = await TlogTiles.ReadTileAsync(tree, TlogTiles.TileAt(1, 0, 600)!.Value);
        Assert.Equal([.. tree.GetHash(new MerkleNodeId(8, 0)), .. tree.GetHash(new MerkleNodeId(8, 1))], level1);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(257)]
    [InlineData(70_000)]
    public async Task TiledHashSource_GivesTheSameRootsAndProofsAsTheFullTree(int size)
    {
        var tree = Tree(size);
        var store = new Dictionary<string, byte[]>();
        foreach (var tile in TlogTiles.AllTiles(size))
        {
            store[tile.Path] = await TlogTiles.ReadTileAsync(tree, tile);
        }

        var tiled = new TiledHashSource(new StoreReader(store), size);
        Assert.Equal(tree.Root(), await MerkleProofs.RootAsync(tiled, size));
        foreach (var index in new long[] { 0, size / 3, size - 1 })
        {
            Assert.Equal(tree.InclusionProof(index, size), await MerkleProofs.InclusionProofAsync(tiled, index, size));
        }

        var size1 = Math.Max(1, size / 2);
        Assert.Equal(tree.ConsistencyProof(size1, size), await MerkleProofs.ConsistencyProofAsync(tiled, size1, size));
    }

    [Fact]
    public void EntryBundle_IsBigEndianUint16LengthPrefixed_AndHashesToTheLevel0Tile()
    {
        ReadOnlyMemory<byte>[] entries = [new byte[258], "{\"a\":1}"u8.ToArray(), Array.Empty<byte>()];
        var bundle = EntryBundle.Encode(entries);
        Assert.Equal(2 + 258 + 2 + 7 + 2, bundle.Length);
        Assert.Equal([0x01, 0x02], bundle[..2]);
        Assert.Equal([0x00, 0x07], bundle[260..262]);
        Assert.True(EntryBundle.TryDecode(bundle, out var decoded));
        Assert.Equal(entries.Select(e => e.ToArray()), decoded);
        Assert.Equal(MerkleHash.HashLeaf("{\"a\":1}"u8), MerkleHash.HashLeaf(decoded[1]));

        Assert.False(EntryBundle.TryDecode(bundle[..^1].AsSpan(0, 263), out _));
        Assert.False(EntryBundle.TryDecode([0x00], out _));
        Assert.False(EntryBundle.TryDecode(EntryBundle.Encode([.. Enumerable.Repeat(ReadOnlyMemory<byte>.Empty, 256)]).Concat(new byte[2]).ToArray(), out _));
        Assert.Throws<ArgumentException>(() => EntryBundle.Encode([new byte[65_536]]));
    }

    private static InMemoryMerkleTree Tree(int size)
    {
        var tree = new InMemoryMerkleTree();
        for (var i = 0; i < size; i++)
        {
            tree.AppendLeaf(BitConverter.GetBytes(i));
        }

        return tree;
    }

    /// <summary>Serves only the tiles stored at one tree size, as a log does: a wrong width is a miss.</summary>
    private sealed class StoreReader(Dictionary<string, byte[]> store) : ITileReader
    {
        public ValueTask<byte[]> ReadTileAsync(TlogTile tile, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(store.TryGetValue(tile.Path, out var content) ? content : throw new KeyNotFoundException(tile.Path));
    }
}
