namespace Mandate.Core.Ledger.Verification;

/// <summary>A root the recomputed tree must have at a size: a signed checkpoint's.</summary>
internal sealed record ExpectedRoot(long TreeSize, byte[] Root, string What);
