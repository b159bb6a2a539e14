using Mandate.Protocol.Transparency.Merkle;

namespace Mandate.Protocol.Transparency.Tiles;

/// <summary>
/// An <see cref="IMerkleHashSource"/> over the tiles of a tree of a given size: a node at tree level h is either a
/// hash in a tile of level h / 8, or is rebuilt from 2^(h mod 8) consecutive hashes of that tile. Each tile is read
/// once per batch, at the width it has at the tree size (a partial tile when the tree ends inside it).
/// </summary>
/// <remarks>Hashes are taken as they come: check the result against a verified checkpoint's root, as proofs do.</remarks>
public sealed class TiledHashSource : IMerkleHashSource
{
    private readonly ITileReader reader;

    /// <summary>Makes a source for the tree of <paramref name="treeSize"/> leaves.</summary>
    public TiledHashSource(ITileReader reader, long treeSize)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        this.reader = reader;
        TreeSize = treeSize;
    }

    /// <summary>The tree size the tiles are read at.</summary>
    public long TreeSize { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">A node is not complete at <see cref="TreeSize"/>.</exception>
    /// <exception cref="InvalidDataException">The reader returned a tile of the wrong length.</exception>
    public async ValueTask<IReadOnlyList<byte[]>> GetHashesAsync(IReadOnlyList<MerkleNodeId> nodes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var tiles = new Dictionary<TlogTile, byte[]>();
        var hashes = new byte[nodes.Count][];
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            if (node.Level is < 0 or > 62 || node.Index < 0 || node.Index > (TreeSize >> node.Level) - 1)
            {
                throw new ArgumentOutOfRangeException(nameof(nodes), node, $"Not a complete subtree of a tree of {TreeSize} leaves.");
            }

            var tileLevel = node.Level / TlogTile.Height;
            var depth = node.Level % TlogTile.Height;
            var first = node.Index << depth;
            var tile = TlogTiles.TileAt(tileLevel, first / TlogTile.FullWidth, TreeSize)!.Value;
            if (!tiles.TryGetValue(tile, out var content))
            {
                content = await reader.ReadTileAsync(tile, cancellationToken);
                if (content.Length != tile.Width * MerkleHash.Size)
                {
                    throw new InvalidDataException($"Tile {tile.Path} has {content.Length} bytes, not {tile.Width * MerkleHash.Size}.");
                }

                tiles[tile] = content;
            }

            hashes[i] = HashRun(content.AsSpan((int)(first % TlogTile.FullWidth) * MerkleHash.Size, MerkleHash.Size << depth));
        }

        return hashes;
    }

    /// <summary>The root of a complete subtree from its 2^k bottom hashes, pairing neighbours level by level.</summary>
    private static byte[] HashRun(ReadOnlySpan<byte> run)
    {
        var level = run.ToArray();
        for (var count = level.Length / MerkleHash.Size; count > 1; count /= 2)
        {
            for (var j = 0; j < count / 2; j++)
            {
                var pair = level.AsSpan(2 * j * MerkleHash.Size, 2 * MerkleHash.Size);
                MerkleHash.HashChildren(pair[..MerkleHash.Size], pair[MerkleHash.Size..], level.AsSpan(j * MerkleHash.Size, MerkleHash.Size));
            }
        }

        return level[..MerkleHash.Size];
    }
}
