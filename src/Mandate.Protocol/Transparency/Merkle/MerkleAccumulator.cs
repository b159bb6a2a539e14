using System.Numerics;

namespace Mandate.Protocol.Transparency.Merkle;

/// <summary>
/// An append-only Merkle tree kept as its compact range from leaf 0: one complete-subtree hash per set bit of the
/// size (at most 63), largest first. Appending a leaf and computing the root are O(log n) and need no other storage;
/// the completed subtrees are reported as they appear, so a store can keep exactly the nodes (or tiles) it serves.
/// Not thread-safe: a log appends from one writer.
/// </summary>
public sealed class MerkleAccumulator
{
    private readonly List<byte[]> peaks = [];

    /// <summary>Starts an empty tree.</summary>
    public MerkleAccumulator()
    {
    }

    /// <summary>The number of leaves appended.</summary>
    public long Size { get; private set; }

    /// <summary>The root of the tree with these leaf hashes, in order (the empty root for none).</summary>
    public static byte[] RootOf(IEnumerable<byte[]> leafHashes)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        var accumulator = new MerkleAccumulator();
        foreach (var leafHash in leafHashes)
        {
            accumulator.AppendLeafHash(leafHash);
        }

        return accumulator.Root();
    }

    /// <summary>The complete subtrees that make up a tree of <paramref name="treeSize"/> leaves, largest first.</summary>
    public static IReadOnlyList<MerkleNodeId> PeaksOf(long treeSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        return treeSize == 0 ? [] : MerkleProofPlan.ForRoot(treeSize).Nodes;
    }

    /// <summary>Restores a tree from the hashes of <see cref="PeaksOf"/>(<paramref name="treeSize"/>), in that order.</summary>
    /// <exception cref="ArgumentException">The hash count or a hash length is wrong.</exception>
    public static MerkleAccumulator Restore(long treeSize, IReadOnlyList<byte[]> peakHashes)
    {
        ArgumentNullException.ThrowIfNull(peakHashes);
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        var peakCount = BitOperations.PopCount((ulong)treeSize);
        if (peakHashes.Count != peakCount)
        {
            throw new ArgumentException($"A tree of {treeSize} leaves has {peakCount} peaks.", nameof(peakHashes));
        }

        var accumulator = new MerkleAccumulator { Size = treeSize };
        foreach (var hash in peakHashes)
        {
            if (hash is not { Length: MerkleHash.Size })
            {
                throw new ArgumentException("Every peak hash must be 32 bytes.", nameof(peakHashes));
            }

            accumulator.peaks.Add((byte[])hash.Clone());
        }

        return accumulator;
    }

    /// <summary>Restores a tree of <paramref name="treeSize"/> leaves from a hash source.</summary>
    public static async ValueTask<MerkleAccumulator> LoadAsync(IMerkleHashSource source, long treeSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var nodes = PeaksOf(treeSize);
        var hashes = nodes.Count == 0 ? [] : await source.GetHashesAsync(nodes, cancellationToken);
        return Restore(treeSize, hashes);
    }

    /// <summary>Appends a leaf by its entry data, returning its index.</summary>
    public long AppendLeaf(ReadOnlySpan<byte> entry, MerkleNodeCallback? completed = null) =>
        AppendLeafHash(MerkleHash.HashLeaf(entry), completed);

    /// <summary>Appends a leaf by its leaf hash, returning its index.</summary>
    /// <param name="leafHash">The 32-byte leaf hash (<see cref="MerkleHash.HashLeaf(ReadOnlySpan{byte})"/>).</param>
    /// <param name="completed">Called for the leaf and for each subtree the leaf completes, smallest first.</param>
    public long AppendLeafHash(ReadOnlySpan<byte> leafHash, MerkleNodeCallback? completed = null)
    {
        if (leafHash.Length != MerkleHash.Size)
        {
            throw new ArgumentException("A leaf hash is 32 bytes.", nameof(leafHash));
        }

        var index = Size;
        var hash = leafHash.ToArray();
        completed?.Invoke(new MerkleNodeId(0, index), hash);
        for (var level = 0; ((index >> level) & 1) == 1; level++)
        {
            var left = peaks[^1];
            peaks.RemoveAt(peaks.Count - 1);
            MerkleHash.HashChildren(left, hash, hash);
            completed?.Invoke(new MerkleNodeId(level + 1, index >> (level + 1)), hash);
        }

        peaks.Add(hash);
        Size = index + 1;
        return index;
    }

    /// <summary>The root hash of the tree as it stands (the empty root for no leaves).</summary>
    public byte[] Root()
    {
        if (peaks.Count == 0)
        {
            return MerkleHash.EmptyRoot();
        }

        var root = (byte[])peaks[^1].Clone();
        for (var i = peaks.Count - 2; i >= 0; i--)
        {
            MerkleHash.HashChildren(peaks[i], root, root);
        }

        return root;
    }

    /// <summary>The hashes of <see cref="PeaksOf"/>(<see cref="Size"/>), largest first, for saving and <see cref="Restore"/>.</summary>
    public IReadOnlyList<byte[]> PeakHashes() => peaks.ConvertAll(static p => (byte[])p.Clone());
}
