namespace Mandate.Core.Ledger.Verification;

/// <summary>What `mandate ledger verify` found: how much it checked, and every problem (the first hundred), each saying where.</summary>
public sealed record LedgerVerification(long EntryCount, int CheckpointsChecked, byte[] Root, IReadOnlyList<string> Problems, int ProblemsNotListed)
{
    public bool IsValid => Problems.Count == 0;
}
