namespace Mandate.Protocol.Transparency.Merkle;

/// <summary>
/// Where proof generation gets its hashes: the hashes of complete subtrees (<see cref="MerkleNodeId"/>). A
/// storage-backed log answers from stored leaf hashes, stored tiles or stored interior nodes, so that proofs and
/// roots for a large tree cost O(log n) hashes and one round trip, never a walk over every leaf.
/// </summary>
public interface IMerkleHashSource
{
    /// <summary>
    /// Returns the 32-byte hash of each node, in the order asked. Every node asked for lies within the tree size
    /// the caller is working on, so it is complete.
    /// </summary>
    /// <param name="nodes">The complete subtrees whose hashes are needed.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    ValueTask<IReadOnlyList<byte[]>> GetHashesAsync(IReadOnlyList<MerkleNodeId> nodes, CancellationToken cancellationToken = default);
}
