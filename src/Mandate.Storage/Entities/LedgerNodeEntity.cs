namespace Mandate.Storage.Entities;

/// <summary>The hash of a complete subtree of the ledger's Merkle tree (level 0: the leaf hashes); never changes once written.</summary>
public sealed class LedgerNodeEntity
{
    public int Level { get; set; }

    public long NodeIndex { get; set; }

    public byte[] Hash { get; set; } = [];
}
