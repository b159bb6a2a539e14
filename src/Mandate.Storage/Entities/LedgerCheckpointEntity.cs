namespace Mandate.Storage.Entities;

/// <summary>A checkpoint the ledger signed, kept by tree size.</summary>
public sealed class LedgerCheckpointEntity
{
    public long TreeSize { get; set; }

    public byte[] RootHash { get; set; } = [];

    /// <summary>The signed note (c2sp.org/tlog-checkpoint), as served.</summary>
    public string Note { get; set; } = "";

    public DateTimeOffset SignedAt { get; set; }
}
