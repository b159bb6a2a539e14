using Mandate.Core.Tokens;
using Mandate.Storage.Stores;
using Mandate.Storage.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Storage.Tests.Stores;

public abstract class DelegationStoreContract(Func<Task<TestDatabase>> createDatabase) : StoreTestBase(createDatabase)
{
    private EfDelegationStore Store => new(Factory, new FakeTimeProvider(Now));

    [Fact]
    public async Task Children_AreListedByParent_OnlyWhileUnexpired()
    {
        await Store.RecordAsync(new TokenDelegation("child-1", "parent", Now.AddMinutes(5)), CancellationToken.None);
        await Store.RecordAsync(new TokenDelegation("child-2", "parent", Now.AddMinutes(1)), CancellationToken.None);
        await Store.RecordAsync(new TokenDelegation("expired", "parent", Now.AddMinutes(-1)), CancellationToken.None);
        await Store.RecordAsync(new TokenDelegation("grandchild", "child-1", Now.AddMinutes(5)), CancellationToken.None);

        var children = await Store.ListChildrenAsync("parent", CancellationToken.None);

        Assert.Equal(["child-1", "child-2"], children.Select(c => c.TokenId).Order(StringComparer.Ordinal));
        Assert.All(children, c => Assert.Equal("parent", c.ParentTokenId));
        Assert.Equal(Now.AddMinutes(5), children.Single(c => c.TokenId == "child-1").ExpiresAt);
        Assert.Empty(await Store.ListChildrenAsync("grandchild", CancellationToken.None));
    }

    [Fact]
    public async Task DeleteExpired_RemovesOnlyThosePastTheirExpiry()
    {
        await Store.RecordAsync(new TokenDelegation("old", "p", Now.AddMinutes(-1)), CancellationToken.None);
        await Store.RecordAsync(new TokenDelegation("live", "p", Now.AddMinutes(5)), CancellationToken.None);

        Assert.Equal(1, await Store.DeleteExpiredAsync(Now, CancellationToken.None));
        Assert.Equal("live", Assert.Single(await Store.ListChildrenAsync("p", CancellationToken.None)).TokenId);
    }
}
