using Mandate.Core.Gateway;
using Mandate.Core.Gateway.Http;
using Mandate.Core.Security;
using Mandate.Storage.Stores;
using Mandate.Storage.Tests.Support;

namespace Mandate.Storage.Tests.Stores;

public abstract class HttpRuleStoreContract(Func<Task<TestDatabase>> createDatabase) : StoreTestBase(createDatabase)
{
    private EfHttpRuleStore Store => new(Factory);

    [Fact]
    public async Task Add_AssignsIds_ListIsPerUpstream_AndRoundTripsEveryField()
    {
        var first = await Store.AddAsync(new HttpRule(0, "api", "GET", "/repos/**", PermissionLevel.Read, Now), CancellationToken.None);
        var second = await Store.AddAsync(new HttpRule(0, "api", "*", "/admin/**", PermissionLevel.Deny, Now.AddSeconds(1)), CancellationToken.None);
        await Store.AddAsync(new HttpRule(0, "other", "POST", "/x", PermissionLevel.Write, Now), CancellationToken.None);

        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal([first, second], await Store.ListAsync("api", CancellationToken.None));
    }

    [Fact]
    public async Task Remove_OnlyTheUpstreamsOwnRule_AndRemoveUpstream_AllOfThem()
    {
        var rule = await Store.AddAsync(new HttpRule(0, "api", "GET", "/a", PermissionLevel.Read, Now), CancellationToken.None);
        await Store.AddAsync(new HttpRule(0, "api", "GET", "/b", PermissionLevel.Read, Now), CancellationToken.None);

        Assert.False(await Store.RemoveAsync("other", rule.Id, CancellationToken.None));
        Assert.True(await Store.RemoveAsync("api", rule.Id, CancellationToken.None));
        Assert.Equal(1, await Store.RemoveUpstreamAsync("api", CancellationToken.None));
        Assert.Empty(await Store.ListAsync("api", CancellationToken.None));
    }

    [Fact]
    public async Task UpstreamKind_RoundTrips()
    {
        var upstreams = new EfUpstreamStore(Factory, new TestSecretProtector());
        await upstreams.UpsertAsync(new Upstream { Name = "api", Url = "https://api.example", Kind = UpstreamKind.Http, CreatedAt = Now }, CancellationToken.None);
        await upstreams.UpsertAsync(new Upstream { Name = "notes", Url = "https://notes.example/mcp", CreatedAt = Now }, CancellationToken.None);

        Assert.Equal(UpstreamKind.Http, (await upstreams.FindAsync("api", CancellationToken.None))!.Kind);
        Assert.Equal(UpstreamKind.Mcp, (await upstreams.FindAsync("notes", CancellationToken.None))!.Kind);
    }
}
