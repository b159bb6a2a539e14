using Mandate.Core.Mandates.Enforcement;
using Mandate.Storage.Stores;
using Mandate.Storage.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Storage.Tests.Stores;

/// <summary>
/// Mandate call counters (the group-commit writer over the store, as the server wires them): exactly max_calls calls
/// pass however many race for them, on one instance or two; a refused call takes no count from any counter; a call
/// counts against its grant and its ancestors together; one batch mixing calls that fit and calls past a limit answers
/// each as if they had been counted one by one.
/// </summary>
public abstract class MandateCallCounterContract(Func<Task<TestDatabase>> createDatabase) : StoreTestBase(createDatabase)
{
    private static readonly DateTimeOffset Expires = Now.AddHours(1);

    private readonly List<GroupCommitCallCounter> counters = [];

    private GroupCommitCallCounter Counter => counters.Count > 0 ? counters[0] : Open(Factory);

    public override async Task DisposeAsync()
    {
        foreach (var counter in counters)
        {
            await counter.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    [Fact]
    public async Task ManyConcurrentCalls_ExactlyMaxCallsAreCounted()
    {
        var charge = new CallCharge("grant-1", "create_issue", 7, Expires);

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() => Counter.TryCountAsync([charge], CancellationToken.None))));

        Assert.Equal(7, results.Count(r => r is null));
        Assert.All(results.Where(r => r is not null), r => Assert.Equal(charge, r));
        Assert.Equal(7, await Counter.CountAsync("grant-1", "create_issue", CancellationToken.None));
    }

    [Fact]
    public async Task TwoInstancesOverOneDatabase_ShareTheLimit()
    {
        _ = Counter;
        var other = Open(await Database.OpenAnotherAsync());
        var charge = new CallCharge("grant-shared", "send", 5, Expires);

        var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(() => (i % 2 == 0 ? Counter : other).TryCountAsync([charge], CancellationToken.None))));

        Assert.Equal(5, results.Count(r => r is null));
        Assert.Equal(5, await other.CountAsync("grant-shared", "send", CancellationToken.None));
    }

    [Fact]
    public async Task ADerivedGrant_CountsAgainstItsAncestor_AndCannotPassIt()
    {
        // The parent allows 3; two sub-agents (each exchanged separately, each allowed 2) share the parent's 3.
        var parent = new CallCharge("root", "create_issue", 3, Expires);
        var childA = new[] { parent, new CallCharge("child-a", "create_issue", 2, Expires) };
        var childB = new[] { parent, new CallCharge("child-b", "create_issue", 2, Expires) };

        Assert.Null(await Counter.TryCountAsync(childA, CancellationToken.None));
        Assert.Null(await Counter.TryCountAsync(childA, CancellationToken.None));
        Assert.Equal(childA[1], await Counter.TryCountAsync(childA, CancellationToken.None));
        Assert.Null(await Counter.TryCountAsync(childB, CancellationToken.None));
        Assert.Equal(parent, await Counter.TryCountAsync(childB, CancellationToken.None));

        Assert.Equal(3, await Counter.CountAsync("root", "create_issue", CancellationToken.None));
        Assert.Equal(2, await Counter.CountAsync("child-a", "create_issue", CancellationToken.None));
        Assert.Equal(1, await Counter.CountAsync("child-b", "create_issue", CancellationToken.None));
    }

    [Fact]
    public async Task ARefusedCall_TakesNoCountFromAnyCounter()
    {
        var parent = new CallCharge("root-2", "create_issue", 5, Expires);
        var child = new CallCharge("child-2", "create_issue", 1, Expires);
        Assert.Null(await Counter.TryCountAsync([parent, child], CancellationToken.None));

        Assert.Equal(child, await Counter.TryCountAsync([parent, child], CancellationToken.None));

        // The parent's count was taken inside the refused transaction and rolled back with it.
        Assert.Equal(1, await Counter.CountAsync("root-2", "create_issue", CancellationToken.None));
    }

    [Fact]
    public async Task Uncount_GivesTheCountBack()
    {
        var charge = new CallCharge("grant-u", "t", 1, Expires);
        Assert.Null(await Counter.TryCountAsync([charge], CancellationToken.None));
        Assert.Equal(charge, await Counter.TryCountAsync([charge], CancellationToken.None));

        await Counter.UncountAsync([charge], CancellationToken.None);

        Assert.Null(await Counter.TryCountAsync([charge], CancellationToken.None));
    }

    [Fact]
    public async Task TheSameToolTwiceInOneCall_CountsTwice()
    {
        var charge = new CallCharge("grant-batch", "t", 3, Expires);

        Assert.Null(await Counter.TryCountAsync([charge, charge], CancellationToken.None));
        Assert.Equal(charge, await Counter.TryCountAsync([charge, charge], CancellationToken.None));

        Assert.Equal(2, await Counter.CountAsync("grant-batch", "t", CancellationToken.None));
    }

    [Fact]
    public async Task DeleteExpired_ForgetsOnlyExpiredMandates()
    {
        Assert.Null(await Counter.TryCountAsync([new CallCharge("old", "t", 3, Now.AddMinutes(-1))], CancellationToken.None));
        Assert.Null(await Counter.TryCountAsync([new CallCharge("live", "t", 3, Expires)], CancellationToken.None));

        Assert.Equal(1, await Counter.DeleteExpiredAsync(Now, CancellationToken.None));

        Assert.Equal(0, await Counter.CountAsync("old", "t", CancellationToken.None));
        Assert.Equal(1, await Counter.CountAsync("live", "t", CancellationToken.None));
    }

    [Fact]
    public async Task OneBatchMixingCallsThatFitAndCallsPastALimit_AnswersEachAsCountedInOrder()
    {
        // The first change holds the writer; the 12 queued behind it are then applied in one transaction.
        var store = new GatedCountStore(new SqliteMandateCallCountStore(Factory, new SqliteWriteLock()));
        await using var counter = new GroupCommitCallCounter(store);
        var parent = new CallCharge("root-m", "create_issue", 6, Expires);
        var childA = new[] { parent, new CallCharge("child-a-m", "create_issue", 2, Expires) };
        var childB = new[] { parent, new CallCharge("child-b-m", "create_issue", 10, Expires) };
        var first = counter.TryCountAsync(childB, CancellationToken.None);
        await store.FirstBatchStarted;

        var queued = new List<Task<CallCharge?>>();
        for (var i = 0; i < 5; i++)
        {
            queued.Add(counter.TryCountAsync(childA, CancellationToken.None));
            queued.Add(counter.TryCountAsync(childB, CancellationToken.None));
        }

        var givenBack = counter.UncountAsync(childB, CancellationToken.None);
        queued.Add(counter.TryCountAsync(childB, CancellationToken.None));
        store.Release();
        Assert.Null(await first);
        var results = await Task.WhenAll(queued);
        await givenBack;

        Assert.Equal([1, 12], store.BatchSizes);
        // In order: a ok, b ok, a ok, b ok (parent at 5), a refused by child-a (parent kept at 5), b ok (parent 6),
        // a and b refused by the parent; a again by the parent; then a give-back (parent 5) and one more b fits.
        CallCharge?[] expected = [null, null, null, null, childA[1], null, parent, parent, parent, parent, null];
        Assert.Equal<IEnumerable<CallCharge?>>(expected, results);
        Assert.Equal(6, await counter.CountAsync("root-m", "create_issue", CancellationToken.None));
        Assert.Equal(2, await counter.CountAsync("child-a-m", "create_issue", CancellationToken.None));
        Assert.Equal(4, await counter.CountAsync("child-b-m", "create_issue", CancellationToken.None));
    }

    [Fact]
    public async Task ManyConcurrentCallsAcrossTwoTools_WithMultiChargeCalls_NeverPassALimitNorLoseACount()
    {
        var parent = new CallCharge("root-c", "create_issue", 25, Expires);
        var child = new CallCharge("child-c", "create_issue", 10, Expires);

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() =>
            Counter.TryCountAsync(i % 2 == 0 ? [parent, child] : [parent], CancellationToken.None))));

        var counted = results.Count(r => r is null);
        Assert.Equal(25, counted);
        Assert.Equal(25, await Counter.CountAsync("root-c", "create_issue", CancellationToken.None));
        Assert.Equal(10, await Counter.CountAsync("child-c", "create_issue", CancellationToken.None));
    }

    [Fact]
    public async Task ACallWhoseCallerStoppedWaitingBeforeItsBatch_TakesNoCount()
    {
        var store = new GatedCountStore(new SqliteMandateCallCountStore(Factory, new SqliteWriteLock()));
        await using var counter = new GroupCommitCallCounter(store);
        var charge = new CallCharge("grant-cancel", "t", 5, Expires);
        var first = counter.TryCountAsync([charge], CancellationToken.None);
        await store.FirstBatchStarted;
        using var gone = new CancellationTokenSource();
        var abandoned = counter.TryCountAsync([charge], gone.Token);

        await gone.CancelAsync();
        store.Release();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        Assert.Null(await first);
        Assert.Null(await counter.TryCountAsync([charge], CancellationToken.None));
        Assert.Equal(2, await counter.CountAsync("grant-cancel", "t", CancellationToken.None));
    }

    private GroupCommitCallCounter Open(IDbContextFactory<MandateDbContext> factory)
    {
        var counter = new GroupCommitCallCounter(new SqliteMandateCallCountStore(factory, new SqliteWriteLock()));
        counters.Add(counter);
        return counter;
    }
}
