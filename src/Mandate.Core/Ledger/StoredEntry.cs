namespace Mandate.Core.Ledger;

/// <summary>An entry as the store holds it: its index and its bytes.</summary>
public sealed record StoredEntry(long Index, byte[] Entry);
