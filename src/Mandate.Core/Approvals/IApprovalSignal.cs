namespace Mandate.Core.Approvals;

/// <summary>
/// Wakes waiters in this process when a request they wait for is decided here. Decisions made in another process (the
/// CLI) are not signalled: waiters also re-read the store at a short interval.
/// </summary>
public interface IApprovalSignal
{
    void Signal(string id);

    /// <summary>Completes when <paramref name="id"/> is signalled or <paramref name="timeout"/> passes; true when signalled.</summary>
    Task<bool> WaitAsync(string id, TimeSpan timeout, CancellationToken cancellationToken);
}
