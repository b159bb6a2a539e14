namespace Mandate.Protocol.Transparency.Merkle;

/// <summary>
/// A complete (perfect) subtree of the log: the node at <paramref name="Level"/> with index <paramref name="Index"/>
/// covers the <c>2^Level</c> leaves from <c>Index * 2^Level</c>. Level 0 nodes are the leaf hashes. Every hash a
/// proof or a root needs is made of such nodes, and they never change once the log has grown past them.
/// </summary>
/// <param name="Level">The height of the subtree, 0 to 62.</param>
/// <param name="Index">The position of the subtree among those of its level, from 0.</param>
public readonly record struct MerkleNodeId(int Level, long Index)
{
    /// <summary>The index of the first leaf the node covers.</summary>
    public long FirstLeaf => Index << Level;

    /// <summary>The number of leaves the node covers.</summary>
    public long LeafCount => 1L << Level;

    /// <summary>The index one past the last leaf the node covers.</summary>
    public long EndLeaf => (Index + 1) << Level;
}
