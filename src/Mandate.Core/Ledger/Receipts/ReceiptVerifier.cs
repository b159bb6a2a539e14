using System.Text;
using Mandate.Core.Ledger.Entries;
using Mandate.Protocol.Transparency.Checkpoints;
using Mandate.Protocol.Transparency.Merkle;
using Mandate.Protocol.Transparency.Notes;

namespace Mandate.Core.Ledger.Receipts;

/// <summary>
/// Checks a receipt with nothing but the ledger's verifier key: the checkpoint is signed by that key and names its
/// origin (the key's name), the index lies within the checkpoint's tree, and the entry's leaf hash with the inclusion
/// proof leads to the checkpoint's root. Never throws for a bad receipt.
/// </summary>
public static class ReceiptVerifier
{
    public static ReceiptVerification Verify(LedgerReceipt receipt, NoteVerifier key)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        ArgumentNullException.ThrowIfNull(key);
        if (!Checkpoint.TryOpen(Encoding.UTF8.GetBytes(receipt.Checkpoint), new NoteVerifierList(key), key.Name, out var checkpoint, out var verification))
        {
            return ReceiptVerification.Fail(verification.IsVerified
                ? $"the checkpoint is not one of log {key.Name}"
                : $"the checkpoint's signature does not verify with the key ({verification.Status})");
        }

        if (receipt.Index >= checkpoint.TreeSize)
        {
            return ReceiptVerification.Fail($"index {receipt.Index} is not within the checkpoint's {checkpoint.TreeSize} entries");
        }

        if (!MerkleProofVerifier.VerifyInclusion(receipt.Index, checkpoint.TreeSize, MerkleHash.HashLeaf(receipt.Entry), receipt.InclusionProof, checkpoint.RootHash))
        {
            return ReceiptVerification.Fail($"the inclusion proof does not lead from entry {receipt.Index} to the checkpoint's root");
        }

        return LedgerEntryReader.TryRead(receipt.Entry, out var auditEvent)
            ? new ReceiptVerification(true, null, checkpoint, auditEvent)
            : ReceiptVerification.Fail("the entry is in the log but is not a version 1 ledger entry");
    }
}
