namespace Mandate.Protocol.Transparency.Merkle;

/// <summary>
/// Roots and proofs (RFC 9162 §2.1.3.1, §2.1.4.1) computed from an <see cref="IMerkleHashSource"/> with one batched
/// lookup of O(log n) complete-subtree hashes each.
/// </summary>
public static class MerkleProofs
{
    /// <summary>The root hash of the tree of the first <paramref name="treeSize"/> leaves (the empty root for 0).</summary>
    public static async ValueTask<byte[]> RootAsync(IMerkleHashSource source, long treeSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        return treeSize == 0
            ? MerkleHash.EmptyRoot()
            : (await RunAsync(source, MerkleProofPlan.ForRoot(treeSize), cancellationToken))[0];
    }

    /// <summary>The inclusion proof (audit path) of leaf <paramref name="leafIndex"/> in the tree of <paramref name="treeSize"/> leaves.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The leaf index is negative or not below the tree size.</exception>
    public static ValueTask<byte[][]> InclusionProofAsync(IMerkleHashSource source, long leafIndex, long treeSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        return RunAsync(source, MerkleProofPlan.ForInclusion(leafIndex, treeSize), cancellationToken);
    }

    /// <summary>The consistency proof from the tree of <paramref name="size1"/> leaves to that of <paramref name="size2"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Unless 0 &lt; size1 ≤ size2.</exception>
    public static ValueTask<byte[][]> ConsistencyProofAsync(IMerkleHashSource source, long size1, long size2, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        return RunAsync(source, MerkleProofPlan.ForConsistency(size1, size2), cancellationToken);
    }

    private static async ValueTask<byte[][]> RunAsync(IMerkleHashSource source, MerkleProofPlan plan, CancellationToken cancellationToken)
    {
        if (plan.Nodes.Count == 0)
        {
            return [];
        }

        var hashes = await source.GetHashesAsync(plan.Nodes, cancellationToken);
        return plan.Assemble(hashes);
    }
}
