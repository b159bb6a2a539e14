namespace Mandate.Core.Ledger;

/// <summary>A checkpoint the ledger signed: the tree size and root it states, and the signed note (c2sp.org/tlog-checkpoint) itself.</summary>
public sealed record StoredCheckpoint(long TreeSize, byte[] RootHash, string Note, DateTimeOffset SignedAt);
