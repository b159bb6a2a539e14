using Mandate.Core.Consents;
using Mandate.Storage.Stores;
using Mandate.Storage.Tests.Support;

namespace Mandate.Storage.Tests.Stores;

public abstract class ConsentStoreContract(Func<Task<TestDatabase>> createDatabase) : StoreTestBase(createDatabase)
{
    private const string Resource = "https://mcp.example.com/mcp";

    private EfConsentStore Store => new(Factory);

    [Fact]
    public async Task Grant_ThenFind_RoundTrips()
    {
        await Store.GrantAsync(Consent("u1", "c1", Now, "b", "a", "b"), CancellationToken.None);

        var found = (await Store.FindAsync("u1", "c1", Resource, CancellationToken.None))!;

        Assert.Equal(["a", "b"], found.Scopes);
        Assert.Equal(Now, found.GrantedAt);
    }

    [Fact]
    public async Task Grant_Again_MergesScopesAndUpdatesTime()
    {
        await Store.GrantAsync(Consent("u1", "c1", Now, "tools.read", "tools.call"), CancellationToken.None);

        await Store.GrantAsync(Consent("u1", "c1", Now.AddHours(1), "admin", "tools.read"), CancellationToken.None);

        var found = (await Store.FindAsync("u1", "c1", Resource, CancellationToken.None))!;
        Assert.Equal(["admin", "tools.call", "tools.read"], found.Scopes);
        Assert.Equal(Now.AddHours(1), found.GrantedAt);
        Assert.Single(await Store.ListForUserAsync("u1", CancellationToken.None));
    }

    [Fact]
    public async Task Find_OtherUserClientOrResource_Null()
    {
        await Store.GrantAsync(Consent("u1", "c1", Now, "a"), CancellationToken.None);

        Assert.Null(await Store.FindAsync("u2", "c1", Resource, CancellationToken.None));
        Assert.Null(await Store.FindAsync("u1", "c2", Resource, CancellationToken.None));
        Assert.Null(await Store.FindAsync("u1", "c1", "https://other.example.com", CancellationToken.None));
    }

    [Fact]
    public async Task ListForUser_OnlyThatUserOrderedByClient()
    {
        await Store.GrantAsync(Consent("u1", "zeta", Now, "a"), CancellationToken.None);
        await Store.GrantAsync(Consent("u1", "alpha", Now, "a"), CancellationToken.None);
        await Store.GrantAsync(Consent("u2", "beta", Now, "a"), CancellationToken.None);

        Assert.Equal(["alpha", "zeta"], (await Store.ListForUserAsync("u1", CancellationToken.None)).Select(c => c.ClientId));
    }

    [Fact]
    public async Task Revoke_RemovesEveryResourceOfThatClientForThatUserOnly()
    {
        await Store.GrantAsync(Consent("u1", "c1", Now, "a"), CancellationToken.None);
        await Store.GrantAsync(Consent("u1", "c1", Now, "a") with { Resource = "https://other.example.com" }, CancellationToken.None);
        await Store.GrantAsync(Consent("u1", "c2", Now, "a"), CancellationToken.None);
        await Store.GrantAsync(Consent("u2", "c1", Now, "a"), CancellationToken.None);

        Assert.Equal(2, await Store.RevokeAsync("u1", "c1", CancellationToken.None));

        Assert.Equal(["c2"], (await Store.ListForUserAsync("u1", CancellationToken.None)).Select(c => c.ClientId));
        Assert.NotNull(await Store.FindAsync("u2", "c1", Resource, CancellationToken.None));
        Assert.Equal(0, await Store.RevokeAsync("u1", "c1", CancellationToken.None));
    }

    [Fact]
    public async Task KnownClientHosts_RememberedOnceAndLookedUpExactly()
    {
        Assert.False(await Store.IsKnownClientHostAsync("agent.example.com", CancellationToken.None));

        await Store.RememberClientHostAsync("agent.example.com", Now, CancellationToken.None);
        await Store.RememberClientHostAsync("agent.example.com", Now.AddDays(1), CancellationToken.None);

        Assert.True(await Store.IsKnownClientHostAsync("agent.example.com", CancellationToken.None));
        Assert.False(await Store.IsKnownClientHostAsync("other.example.com", CancellationToken.None));
    }

    [Fact]
    public async Task KnownClientHosts_ConcurrentRemember_NoError()
    {
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Store.RememberClientHostAsync("race.example.com", Now, CancellationToken.None)));

        Assert.True(await Store.IsKnownClientHostAsync("race.example.com", CancellationToken.None));
    }

    private static Consent Consent(string user, string client, DateTimeOffset at, params string[] scopes) =>
        new() { UserId = user, ClientId = client, Resource = Resource, Scopes = scopes, GrantedAt = at };
}
