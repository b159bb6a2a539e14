using Mandate.Protocol.Transparency.Merkle;

namespace Mandate.Core.Ledger;

/// <summary>
/// The ledger's durable log: entries at gap-free indexes 0..n-1 and the hash of every complete subtree (RFC 9162),
/// appended together in one transaction per batch, so roots and proofs cost O(log n) reads. Several processes (the
/// server, the CLI) may append to one store; each append continues from what is stored.
/// </summary>
public interface ILedgerStore : IMerkleHashSource
{
    /// <summary>Appends the records in one transaction and returns the index of the first.</summary>
    Task<long> AppendAsync(IReadOnlyList<LedgerRecord> records, CancellationToken cancellationToken);

    /// <summary>The number of entries (one past the last index).</summary>
    Task<long> GetSizeAsync(CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> stored entries with index ≥ <paramref name="from"/>, in index order, as they are stored (gaps show as missing indexes).</summary>
    Task<IReadOnlyList<StoredEntry>> ReadEntriesAsync(long from, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// The stored hashes of the complete subtrees at <paramref name="level"/> with indexes from <paramref name="from"/>,
    /// up to <paramref name="limit"/> of them, in index order (gaps show as missing indexes).
    /// </summary>
    Task<IReadOnlyList<(long Index, byte[] Hash)>> ReadNodesAsync(int level, long from, int limit, CancellationToken cancellationToken);
}
