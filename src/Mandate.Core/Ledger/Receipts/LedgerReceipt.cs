namespace Mandate.Core.Ledger.Receipts;

/// <summary>
/// Proof that an event is in the ledger, checkable offline with the ledger's verifier key alone: the entry (its
/// RFC 8785 bytes), its index, the RFC 9162 inclusion proof, and the signed checkpoint the proof leads to.
/// </summary>
public sealed record LedgerReceipt(long Index, byte[] Entry, IReadOnlyList<byte[]> InclusionProof, string Checkpoint);
