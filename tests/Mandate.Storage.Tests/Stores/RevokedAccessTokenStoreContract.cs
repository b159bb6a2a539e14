using Mandate.Storage.Stores;
using Mandate.Storage.Tests.Support;

namespace Mandate.Storage.Tests.Stores;

public abstract class RevokedAccessTokenStoreContract(Func<Task<TestDatabase>> createDatabase) : StoreTestBase(createDatabase)
{
    private EfRevokedAccessTokenStore Store => new(Factory);

    [Fact]
    public async Task Revoke_ThenIsRevoked()
    {
        await Store.RevokeAsync("jti-1", Now.AddMinutes(10), CancellationToken.None);

        Assert.True(await Store.IsRevokedAsync("jti-1", CancellationToken.None));
        Assert.False(await Store.IsRevokedAsync("jti-2", CancellationToken.None));
    }

    [Fact]
    public async Task Revoke_Twice_Idempotent()
    {
        await Store.RevokeAsync("jti-1", Now.AddMinutes(10), CancellationToken.None);
        await Store.RevokeAsync("jti-1", Now.AddMinutes(10), CancellationToken.None);

        Assert.True(await Store.IsRevokedAsync("jti-1", CancellationToken.None));
    }

    [Fact]
    public async Task Revoke_Concurrently_NoError()
    {
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Store.RevokeAsync("jti-1", Now.AddMinutes(10), CancellationToken.None)));

        Assert.True(await Store.IsRevokedAsync("jti-1", CancellationToken.None));
    }

    [Fact]
    public async Task DeleteExpired_RemovesOnlyThosePastTheirExpiry()
    {
        await Store.RevokeAsync("old", Now.AddMinutes(-1), CancellationToken.None);
        await Store.RevokeAsync("now", Now, CancellationToken.None);
        await Store.RevokeAsync("live", Now.AddMinutes(5), CancellationToken.None);

        Assert.Equal(1, await Store.DeleteExpiredAsync(Now, CancellationToken.None));

        Assert.False(await Store.IsRevokedAsync("old", CancellationToken.None));
        Assert.True(await Store.IsRevokedAsync("now", CancellationToken.None));
        Assert.True(await Store.IsRevokedAsync("live", CancellationToken.None));
    }
}
