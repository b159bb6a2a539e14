namespace Mandate.Core.Ledger;

/// <summary>
/// An entry as the store holds it: its index, its bytes, and the fields the store repeats beside it for search (null
/// when the store keeps none). Only the bytes are covered by the tree; the verifier checks the search fields against them.
/// </summary>
public sealed record StoredEntry(long Index, byte[] Entry, StoredSearchFields? Search = null);
