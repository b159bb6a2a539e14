using Mandate.Core.Mandates.Enforcement;

namespace Mandate.Core.Tests.Mandates.Enforcement;

public sealed class GroupCommitCallCounterTests
{
    private static readonly CallCharge Charge = new("grant", "t", 3, DateTimeOffset.UnixEpoch.AddYears(100));

    [Fact]
    public async Task AFailedBatch_FailsEveryCallerInIt_AndTheNextBatchIsAppliedAgain()
    {
        var store = new ScriptedStore();
        await using var counter = new GroupCommitCallCounter(store);
        store.Failures.Enqueue(new IOException("disk full"));
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        store.Hold = hold;
        var first = counter.TryCountAsync([Charge], CancellationToken.None);
        await store.Entered.Task;
        var queued = new[] { counter.TryCountAsync([Charge], CancellationToken.None), counter.TryCountAsync([Charge], CancellationToken.None) };

        hold.SetResult();

        Assert.Equal("disk full", (await Assert.ThrowsAsync<IOException>(() => first)).Message);
        // The writer lived on: the two queued behind the failure form the next batch and are applied.
        Assert.All(await Task.WhenAll(queued), Assert.Null);
        Assert.Equal([1, 2], store.Batches.Select(b => b.Count));
    }

    [Fact]
    public async Task NoCharges_NeverReachTheStore()
    {
        var store = new ScriptedStore();
        await using var counter = new GroupCommitCallCounter(store);

        Assert.Null(await counter.TryCountAsync([], CancellationToken.None));
        await counter.UncountAsync([], CancellationToken.None);

        Assert.Empty(store.Batches);
    }

    [Fact]
    public async Task EachCallerGetsItsOwnResult_AndGiveBacksAreMarkedAsSuch()
    {
        var store = new ScriptedStore { Full = Charge with { GrantId = "full" } };
        await using var counter = new GroupCommitCallCounter(store);

        Assert.Equal(store.Full, await counter.TryCountAsync([store.Full], CancellationToken.None));
        Assert.Null(await counter.TryCountAsync([Charge], CancellationToken.None));
        await counter.UncountAsync([Charge], CancellationToken.None);

        Assert.Equal([false, false, true], store.Batches.SelectMany(b => b).Select(c => c.GiveBack));
    }

    [Fact]
    public async Task AfterDispose_NothingMoreIsQueued()
    {
        var counter = new GroupCommitCallCounter(new ScriptedStore());
        Assert.Null(await counter.TryCountAsync([Charge], CancellationToken.None));

        await counter.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => counter.TryCountAsync([Charge], CancellationToken.None));
    }

    /// <summary>Answers every charge as counted except <see cref="Full"/>; can hold the first batch and fail batches on cue.</summary>
    private sealed class ScriptedStore : IMandateCallCountStore
    {
        public Queue<Exception> Failures { get; } = new();

        public List<IReadOnlyList<CountChange>> Batches { get; } = [];

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource? Hold { get; set; }

        public CallCharge? Full { get; init; }

        public async Task<IReadOnlyList<CallCharge?>> ApplyAsync(IReadOnlyList<CountChange> changes, CancellationToken cancellationToken)
        {
            Batches.Add(changes.ToList());
            Entered.TrySetResult();
            if (Hold is { } hold)
            {
                Hold = null;
                await hold.Task;
            }

            if (Failures.TryDequeue(out var failure))
            {
                throw failure;
            }

            return changes.Select(c => c.GiveBack ? null : c.Charges.FirstOrDefault(x => x == Full)).ToList();
        }

        public Task<int> CountAsync(string grantId, string tool, CancellationToken cancellationToken) => Task.FromResult(0);

        public Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) => Task.FromResult(0);
    }
}
