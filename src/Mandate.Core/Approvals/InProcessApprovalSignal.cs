using System.Collections.Concurrent;

namespace Mandate.Core.Approvals;

/// <summary>One completion source per awaited id; a signal completes it and removes it, so later waiters get a fresh one.</summary>
public sealed class InProcessApprovalSignal(TimeProvider time) : IApprovalSignal
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> waiters = new(StringComparer.Ordinal);

    public void Signal(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (waiters.TryRemove(id, out var source))
        {
            source.TrySetResult();
        }
    }

    public async Task<bool> WaitAsync(string id, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        var source = waiters.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            await source.Task.WaitAsync(timeout, time, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            // Nobody signalled: forget the source so ids never decided do not pile up. A waiter sharing it times out
            // too and, like every waiter, re-reads the store.
            waiters.TryRemove(new KeyValuePair<string, TaskCompletionSource>(id, source));
            return false;
        }
    }
}
