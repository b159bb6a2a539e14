namespace Mandate.Core.Ledger;

/// <summary>One caller's entries waiting for the ledger's writer, and the first audit id once they are committed.</summary>
internal sealed class PendingAppend(LedgerRecord[] records)
{
    public LedgerRecord[] Records { get; } = records;

    public TaskCompletionSource<long> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
