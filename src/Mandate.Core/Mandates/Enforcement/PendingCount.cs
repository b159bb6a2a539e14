namespace Mandate.Core.Mandates.Enforcement;

/// <summary>One caller's change waiting for the counter's writer, and its result once the batch is committed.</summary>
internal sealed class PendingCount(CountChange change, CancellationToken cancellationToken)
{
    public CountChange Change { get; } = change;

    /// <summary>The caller's token: a change whose caller stopped waiting before its batch began is not applied.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    public TaskCompletionSource<CallCharge?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
