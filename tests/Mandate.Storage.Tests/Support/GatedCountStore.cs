using Mandate.Core.Mandates.Enforcement;

namespace Mandate.Storage.Tests.Support;

/// <summary>
/// A counter store whose first batch waits until <see cref="Release"/>, so a test can queue changes behind it and
/// see them applied together in the next batch; records every batch's size.
/// </summary>
public sealed class GatedCountStore(IMandateCallCountStore inner) : IMandateCallCountStore
{
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<int> batchSizes = [];

    public Task FirstBatchStarted => started.Task;

    public IReadOnlyList<int> BatchSizes => batchSizes;

    public void Release() => released.TrySetResult();

    public async Task<IReadOnlyList<CallCharge?>> ApplyAsync(IReadOnlyList<CountChange> changes, CancellationToken cancellationToken)
    {
        batchSizes.Add(changes.Count);
        started.TrySetResult();
        await released.Task;
        return await inner.ApplyAsync(changes, cancellationToken);
    }

    public Task<int> CountAsync(string grantId, string tool, CancellationToken cancellationToken) => inner.CountAsync(grantId, tool, cancellationToken);

    public Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) => inner.DeleteExpiredAsync(now, cancellationToken);
}
