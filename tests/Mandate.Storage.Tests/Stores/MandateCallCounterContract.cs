using Mandate.Core.Mandates.Enforcement;
using Mandate.Storage.Stores;
using Mandate.Storage.Tests.Support;

namespace Mandate.Storage.Tests.Stores;

/// <summary>
/// Mandate call counters: exactly max_calls calls pass however many race for them, on one instance or two; a refused
/// call takes no count from any counter; a call counts against its grant and its ancestors together.
/// </summary>
public abstract class MandateCallCounterContract(Func<Task<TestDatabase>> createDatabase) : StoreTestBase(createDatabase)
{
    private static readonly DateTimeOffset Expires = Now.AddHours(1);

    private EfMandateCallCounter Counter => new(Factory);

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
        var other = new EfMandateCallCounter(await Database.OpenAnotherAsync());
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
}
