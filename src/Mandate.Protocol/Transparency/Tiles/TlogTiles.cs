using Mandate.Protocol.Transparency.Merkle;

namespace Mandate.Protocol.Transparency.Tiles;

/// <summary>
/// The tile layout of a tree (c2sp.org/tlog-tiles): which full and partial tiles exist at a tree size, which change
/// as the tree grows, and a hash tile's content (its hashes concatenated) read from a hash source.
/// </summary>
public static class TlogTiles
{
    /// <summary>The number of hashes at tile level <paramref name="level"/> in a tree of <paramref name="treeSize"/>: floor(size / 256^level).</summary>
    public static long HashCount(int level, long treeSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        var tileLevel = Math.Max(level, 0);
        return tileLevel * TlogTile.Height >= 63 ? 0 : treeSize >> (tileLevel * TlogTile.Height);
    }

    /// <summary>The tile <paramref name="index"/> of <paramref name="level"/> as it exists at the tree size (full or partial), or null when it has no hash yet.</summary>
    public static TlogTile? TileAt(int level, long index, long treeSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var count = HashCount(level, treeSize);
        if (index > count / TlogTile.FullWidth)
        {
            return null;
        }

        var width = Math.Min(count - (index * TlogTile.FullWidth), TlogTile.FullWidth);
        return width <= 0 ? null : new TlogTile(level, index, (int)width);
    }

    /// <summary>The partial tiles of a tree, lowest level first (at most one per level; none where the count is a multiple of 256).</summary>
    public static IReadOnlyList<TlogTile> PartialTiles(long treeSize)
    {
        var tiles = new List<TlogTile>();
        for (var level = 0; HashCount(level, treeSize) > 0; level++)
        {
            var count = HashCount(level, treeSize);
            if (count % TlogTile.FullWidth != 0)
            {
                tiles.Add(new TlogTile(level, count / TlogTile.FullWidth, (int)(count % TlogTile.FullWidth)));
            }
        }

        return tiles;
    }

    /// <summary>Every hash tile of a tree, level by level, full tiles then the partial one.</summary>
    public static IEnumerable<TlogTile> AllTiles(long treeSize)
    {
        for (var level = 0; HashCount(level, treeSize) > 0; level++)
        {
            var count = HashCount(level, treeSize);
            for (long index = 0; index * TlogTile.FullWidth < count; index++)
            {
                yield return TileAt(level, index, treeSize)!.Value;
            }
        }
    }

    /// <summary>
    /// The hash tiles that appear or grow when the tree grows from <paramref name="oldSize"/> to
    /// <paramref name="newSize"/>, at their new widths: what a log writes after appending (the matching entry
    /// bundles are the level-0 ones, <see cref="TlogTile.ToEntryBundle"/>).
    /// </summary>
    public static IReadOnlyList<TlogTile> NewTiles(long oldSize, long newSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(oldSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(newSize, oldSize);
        var tiles = new List<TlogTile>();
        for (var level = 0; HashCount(level, newSize) > HashCount(level, oldSize); level++)
        {
            var last = (HashCount(level, newSize) - 1) / TlogTile.FullWidth;
            for (var index = HashCount(level, oldSize) / TlogTile.FullWidth; index <= last; index++)
            {
                tiles.Add(TileAt(level, index, newSize)!.Value);
            }
        }

        return tiles;
    }

    /// <summary>The nodes whose hashes make up a hash tile, in order: tree level 8L, indexes 256N to 256N + W - 1.</summary>
    public static IReadOnlyList<MerkleNodeId> NodesOf(TlogTile tile)
    {
        if (tile.IsEntryBundle || tile.Width is < 1 or > TlogTile.FullWidth)
        {
            throw new ArgumentException("Not a hash tile.", nameof(tile));
        }

        return Enumerable.Range(0, tile.Width).Select(i => new MerkleNodeId(tile.TreeLevel, (tile.Index * TlogTile.FullWidth) + i)).ToArray();
    }

    /// <summary>A hash tile's content: its W hashes, 32 bytes each, concatenated.</summary>
    public static async ValueTask<byte[]> ReadTileAsync(IMerkleHashSource source, TlogTile tile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var hashes = await source.GetHashesAsync(NodesOf(tile), cancellationToken);
        var content = new byte[hashes.Count * MerkleHash.Size];
        for (var i = 0; i < hashes.Count; i++)
        {
            hashes[i].CopyTo(content, i * MerkleHash.Size);
        }

        return content;
    }
}
