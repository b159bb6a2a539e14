namespace Mandate.Protocol.Transparency.Merkle;

/// <summary>
/// A Merkle tree held entirely in memory with every complete subtree hash (about 2n hashes): a reference
/// <see cref="IMerkleHashSource"/> for tests and small logs. Sizes below the current size can be asked for, so
/// proofs against older tree heads work. Not thread-safe.
/// </summary>
public sealed class InMemoryMerkleTree : IMerkleHashSource
{
    private readonly List<List<byte[]>> levels = [];
    private readonly MerkleAccumulator accumulator = new();

    /// <summary>The number of leaves.</summary>
    public long Size => accumulator.Size;

    /// <summary>Appends an entry, returning its leaf index.</summary>
    public long AppendLeaf(ReadOnlySpan<byte> entry) => AppendLeafHash(MerkleHash.HashLeaf(entry));

    /// <summary>Appends a leaf by its 32-byte leaf hash, returning its index.</summary>
    public long AppendLeafHash(ReadOnlySpan<byte> leafHash) => accumulator.AppendLeafHash(leafHash, Store);

    /// <summary>The hash of a complete subtree of the current tree (a copy).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The subtree is not complete yet.</exception>
    public byte[] GetHash(MerkleNodeId node) => (byte[])Stored(node).Clone();

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">A subtree is not complete yet.</exception>
    public ValueTask<IReadOnlyList<byte[]>> GetHashesAsync(IReadOnlyList<MerkleNodeId> nodes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        return ValueTask.FromResult<IReadOnlyList<byte[]>>(nodes.Select(GetHash).ToArray());
    }

    /// <summary>The root of the tree of the first <paramref name="treeSize"/> leaves.</summary>
    public byte[] Root(long treeSize) => treeSize == 0 ? MerkleHash.EmptyRoot() : Run(MerkleProofPlan.ForRoot(CheckSize(treeSize)))[0];

    /// <summary>The current root.</summary>
    public byte[] Root() => accumulator.Root();

    /// <summary>The inclusion proof of a leaf in the tree of the first <paramref name="treeSize"/> leaves.</summary>
    public byte[][] InclusionProof(long leafIndex, long treeSize) => Run(MerkleProofPlan.ForInclusion(leafIndex, CheckSize(treeSize)));

    /// <summary>The consistency proof between two sizes no larger than the current one.</summary>
    public byte[][] ConsistencyProof(long size1, long size2) => Run(MerkleProofPlan.ForConsistency(size1, CheckSize(size2)));

    // Assemble never writes into its input, so the stored arrays can be passed without copying.
    private byte[][] Run(MerkleProofPlan plan) => plan.Assemble(plan.Nodes.Select(Stored).ToArray());

    private byte[] Stored(MerkleNodeId node)
    {
        if (node.Level < 0 || node.Level >= levels.Count || node.Index < 0 || node.Index >= levels[node.Level].Count)
        {
            throw new ArgumentOutOfRangeException(nameof(node), node, "No such complete subtree in this tree.");
        }

        return levels[node.Level][(int)node.Index];
    }

    private long CheckSize(long treeSize)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(treeSize, Size);
        return treeSize;
    }

    private void Store(MerkleNodeId node, ReadOnlySpan<byte> hash)
    {
        if (node.Level == levels.Count)
        {
            levels.Add([]);
        }

        levels[node.Level].Add(hash.ToArray());
    }
}
