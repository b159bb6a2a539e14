using Mandate.Storage.Stores;
using Mandate.Storage.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Storage.Tests.Stores;

/// <summary>Data-flow marks: any marked key counts, marks are durable across instances, marking again never shortens a mark.</summary>
public abstract class DataFlowTaintStoreContract(Func<Task<TestDatabase>> createDatabase) : StoreTestBase(createDatabase)
{
    private EfDataFlowTaintStore Store => new(Factory, new FakeTimeProvider(Now));

    [Fact]
    public async Task AMarkedKey_MarksEveryListThatHoldsIt()
    {
        Assert.False(await Store.IsAnyMarkedAsync(["grant:a", "session:s"], CancellationToken.None));

        await Store.MarkAsync(["grant:root", "grant:a"], "mail", "read_inbox", Now.AddHours(1), CancellationToken.None);

        Assert.True(await Store.IsAnyMarkedAsync(["grant:root", "grant:b"], CancellationToken.None));
        Assert.True(await Store.IsAnyMarkedAsync(["grant:a"], CancellationToken.None));
        Assert.False(await Store.IsAnyMarkedAsync(["grant:other", "session:s"], CancellationToken.None));
        Assert.False(await Store.IsAnyMarkedAsync([], CancellationToken.None));
    }

    [Fact]
    public async Task AnotherInstance_SeesTheMark()
    {
        var other = new EfDataFlowTaintStore(await Database.OpenAnotherAsync(), new FakeTimeProvider(Now));

        await Store.MarkAsync(["session:s1"], "mail", "read_inbox", Now.AddHours(1), CancellationToken.None);

        Assert.True(await other.IsAnyMarkedAsync(["session:s1"], CancellationToken.None));
    }

    [Fact]
    public async Task MarkingAgain_OnlyMovesTheExpiryLater()
    {
        await Store.MarkAsync(["grant:x"], "mail", "read_inbox", Now.AddHours(2), CancellationToken.None);
        await Store.MarkAsync(["grant:x"], "mail", "read_inbox", Now.AddMinutes(1), CancellationToken.None);

        Assert.Equal(0, await Store.DeleteExpiredAsync(Now.AddMinutes(30), CancellationToken.None));
        Assert.True(await Store.IsAnyMarkedAsync(["grant:x"], CancellationToken.None));
        Assert.Equal(1, await Store.DeleteExpiredAsync(Now.AddHours(3), CancellationToken.None));
        Assert.False(await Store.IsAnyMarkedAsync(["grant:x"], CancellationToken.None));
    }
}
