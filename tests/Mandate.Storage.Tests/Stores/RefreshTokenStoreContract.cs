using Mandate.Core.Tokens;
using Mandate.Storage.Stores;
using Mandate.Storage.Tests.Support;

namespace Mandate.Storage.Tests.Stores;

public abstract class RefreshTokenStoreContract(Func<Task<TestDatabase>> createDatabase) : StoreTestBase(createDatabase)
{
    private EfRefreshTokenStore Store => new(Factory);

    [Fact]
    public async Task Add_ThenFind_RoundTripsEveryField()
    {
        var token = Token("h1") with { ParentHash = "h0", Scopes = ["a", "b"], AuthTime = Now.AddMinutes(-5), ConsumedAt = Now.AddSeconds(1), RevokedAt = Now.AddSeconds(2) };

        await Store.AddAsync(token, CancellationToken.None);
        var found = (await Store.FindAsync("h1", CancellationToken.None))!;

        Assert.Equal(["a", "b"], found.Scopes);
        Assert.Equal(token with { Scopes = [] }, found with { Scopes = [] });
    }

    [Fact]
    public async Task Find_Unknown_Null()
    {
        Assert.Null(await Store.FindAsync("nope", CancellationToken.None));
    }

    [Fact]
    public async Task TryConsume_Once_TrueThenFalse()
    {
        await Store.AddAsync(Token("h1"), CancellationToken.None);

        Assert.True(await Store.TryConsumeAsync("h1", Now, CancellationToken.None));
        Assert.False(await Store.TryConsumeAsync("h1", Now, CancellationToken.None));
        Assert.Equal(Now, (await Store.FindAsync("h1", CancellationToken.None))!.ConsumedAt);
    }

    [Fact]
    public async Task TryConsume_RevokedOrUnknown_False()
    {
        await Store.AddAsync(Token("h1") with { RevokedAt = Now }, CancellationToken.None);

        Assert.False(await Store.TryConsumeAsync("h1", Now, CancellationToken.None));
        Assert.False(await Store.TryConsumeAsync("nope", Now, CancellationToken.None));
    }

    [Fact]
    public async Task TryConsume_TwentyInParallel_ExactlyOneWins()
    {
        await Store.AddAsync(Token("h1"), CancellationToken.None);
        var other = new EfRefreshTokenStore(await Database.OpenAnotherAsync());

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => (i % 2 == 0 ? Store : other).TryConsumeAsync("h1", Now, CancellationToken.None))));

        Assert.Equal(1, results.Count(r => r));
    }

    [Fact]
    public async Task Revoke_SingleToken_OnlyOnce()
    {
        await Store.AddAsync(Token("h1"), CancellationToken.None);
        await Store.AddAsync(Token("h2"), CancellationToken.None);

        Assert.True(await Store.RevokeAsync("h1", Now, CancellationToken.None));
        Assert.False(await Store.RevokeAsync("h1", Now.AddSeconds(1), CancellationToken.None));

        Assert.Equal(Now, (await Store.FindAsync("h1", CancellationToken.None))!.RevokedAt);
        Assert.Null((await Store.FindAsync("h2", CancellationToken.None))!.RevokedAt);
    }

    [Fact]
    public async Task RevokeFamily_RevokesEveryLiveMemberAndNothingElse()
    {
        await Store.AddAsync(Token("f1a", family: "f1"), CancellationToken.None);
        await Store.AddAsync(Token("f1b", family: "f1"), CancellationToken.None);
        await Store.AddAsync(Token("f1c", family: "f1") with { RevokedAt = Now.AddDays(-1) }, CancellationToken.None);
        await Store.AddAsync(Token("f2a", family: "f2"), CancellationToken.None);

        Assert.Equal(2, await Store.RevokeFamilyAsync("f1", Now, CancellationToken.None));

        Assert.Equal(Now, (await Store.FindAsync("f1b", CancellationToken.None))!.RevokedAt);
        Assert.Equal(Now.AddDays(-1), (await Store.FindAsync("f1c", CancellationToken.None))!.RevokedAt);
        Assert.Null((await Store.FindAsync("f2a", CancellationToken.None))!.RevokedAt);
    }

    [Fact]
    public async Task RevokeForClient_OnlyThatSubjectAndClient()
    {
        await Store.AddAsync(Token("a", family: "f1") with { Subject = "u1", ClientId = "c1" }, CancellationToken.None);
        await Store.AddAsync(Token("b", family: "f2") with { Subject = "u1", ClientId = "c1" }, CancellationToken.None);
        await Store.AddAsync(Token("c", family: "f3") with { Subject = "u1", ClientId = "c2" }, CancellationToken.None);
        await Store.AddAsync(Token("d", family: "f4") with { Subject = "u2", ClientId = "c1" }, CancellationToken.None);

        Assert.Equal(2, await Store.RevokeForClientAsync("u1", "c1", Now, CancellationToken.None));

        Assert.Null((await Store.FindAsync("c", CancellationToken.None))!.RevokedAt);
        Assert.Null((await Store.FindAsync("d", CancellationToken.None))!.RevokedAt);
    }

    [Fact]
    public async Task FindChild_NewestLiveChild()
    {
        await Store.AddAsync(Token("parent"), CancellationToken.None);
        await Store.AddAsync(Token("old-child") with { ParentHash = "parent", IssuedAt = Now.AddSeconds(1) }, CancellationToken.None);
        await Store.AddAsync(Token("new-child") with { ParentHash = "parent", IssuedAt = Now.AddSeconds(2) }, CancellationToken.None);
        await Store.AddAsync(Token("revoked-child") with { ParentHash = "parent", IssuedAt = Now.AddSeconds(3), RevokedAt = Now }, CancellationToken.None);

        Assert.Equal("new-child", (await Store.FindChildAsync("parent", CancellationToken.None))!.TokenHash);
        Assert.Null(await Store.FindChildAsync("new-child", CancellationToken.None));
    }

    [Fact]
    public async Task HasChild_CountsRevokedChildrenToo()
    {
        await Store.AddAsync(Token("parent"), CancellationToken.None);
        await Store.AddAsync(Token("lonely"), CancellationToken.None);
        await Store.AddAsync(Token("revoked-child") with { ParentHash = "parent", RevokedAt = Now }, CancellationToken.None);

        Assert.True(await Store.HasChildAsync("parent", CancellationToken.None));
        Assert.False(await Store.HasChildAsync("lonely", CancellationToken.None));
    }

    [Fact]
    public async Task DeleteExpired_RemovesOnlyExpired()
    {
        await Store.AddAsync(Token("expired") with { ExpiresAt = Now.AddTicks(-1) }, CancellationToken.None);
        await Store.AddAsync(Token("edge") with { ExpiresAt = Now }, CancellationToken.None);
        await Store.AddAsync(Token("live") with { ExpiresAt = Now.AddDays(1) }, CancellationToken.None);

        Assert.Equal(1, await Store.DeleteExpiredAsync(Now, CancellationToken.None));

        Assert.Null(await Store.FindAsync("expired", CancellationToken.None));
        Assert.NotNull(await Store.FindAsync("edge", CancellationToken.None));
        Assert.NotNull(await Store.FindAsync("live", CancellationToken.None));
    }

    [Fact]
    public async Task Times_NonUtcOffsets_ComparedAsInstants()
    {
        var plusTwo = TimeSpan.FromHours(2);
        await Store.AddAsync(Token("h1") with { ExpiresAt = Now.ToOffset(plusTwo).AddMinutes(-1) }, CancellationToken.None);

        Assert.Equal(1, await Store.DeleteExpiredAsync(Now, CancellationToken.None));
    }

    private static RefreshTokenRecord Token(string hash, string family = "family") => new()
    {
        TokenHash = hash,
        FamilyId = family,
        ClientId = "client",
        Subject = "user",
        Resource = "https://mcp.example.com/mcp",
        IssuedAt = Now,
        ExpiresAt = Now.AddDays(30),
    };
}
