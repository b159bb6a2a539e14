using Mandate.Protocol.Transparency.Merkle;

namespace Mandate.Core.Ledger.Receipts;

/// <summary>Builds receipts (and the entry documents of /ledger/entries) against the latest signed checkpoint.</summary>
public sealed class LedgerReceipts(ILedgerStore store, ICheckpointStore checkpoints)
{
    /// <summary>The receipt of an entry; <see cref="ReceiptStatus.Pending"/> while no checkpoint covers it yet.</summary>
    public async Task<(ReceiptStatus Status, LedgerReceipt? Receipt)> GetAsync(long index, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var latest = await checkpoints.GetLatestAsync(cancellationToken);
        if (latest is null || index >= latest.TreeSize)
        {
            return (index < await store.GetSizeAsync(cancellationToken) ? ReceiptStatus.Pending : ReceiptStatus.NotFound, null);
        }

        if ((await store.ReadEntriesAsync(index, 1, cancellationToken)) is not [{ } entry] || entry.Index != index)
        {
            throw new InvalidDataException($"Entry {index} is missing from the ledger store.");
        }

        var proof = await MerkleProofs.InclusionProofAsync(store, index, latest.TreeSize, cancellationToken);
        return (ReceiptStatus.Found, new LedgerReceipt(index, entry.Entry, proof, latest.Note));
    }
}
