namespace Mandate.Protocol.Transparency.Merkle;

/// <summary>Told about each complete subtree as an append completes it (the leaf itself included), e.g. to store it.</summary>
/// <param name="node">The subtree that just became complete.</param>
/// <param name="hash">Its 32-byte hash; copy it to keep it.</param>
public delegate void MerkleNodeCallback(MerkleNodeId node, ReadOnlySpan<byte> hash);
