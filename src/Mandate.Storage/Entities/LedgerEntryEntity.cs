namespace Mandate.Storage.Entities;

/// <summary>
/// One ledger entry at its index. <see cref="Entry"/> is what the Merkle tree commits to; the other columns repeat
/// some of its fields so the audit trail can be searched, and `mandate ledger verify` checks that they agree.
/// </summary>
public sealed class LedgerEntryEntity
{
    public long LeafIndex { get; set; }

    /// <summary>The RFC 8785 canonical JSON of the event.</summary>
    public byte[] Entry { get; set; } = [];

    public DateTimeOffset Timestamp { get; set; }

    public string Kind { get; set; } = "";

    public string Decision { get; set; } = "";

    public string? Subject { get; set; }

    public string? ClientId { get; set; }

    public string? Upstream { get; set; }

    public string? Tool { get; set; }
}
