using Mandate.Core.Clients;
using Mandate.Storage.Stores;
using Mandate.Storage.Tests.Support;

namespace Mandate.Storage.Tests.Stores;

public abstract class ClientStoreContract(Func<Task<TestDatabase>> createDatabase) : StoreTestBase(createDatabase)
{
    private EfClientStore Store => new(Factory);

    [Fact]
    public async Task Add_ThenFind_RoundTripsEveryField()
    {
        var client = new OAuthClient
        {
            ClientId = "c1",
            Name = "Client one",
            Source = ClientSource.Dynamic,
            TokenEndpointAuthMethod = TokenEndpointAuthMethods.PrivateKeyJwt,
            SecretHash = [1, 2, 3, 255],
            RedirectUris = ["https://a.example.com/cb", "http://127.0.0.1/cb"],
            GrantTypes = [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken],
            Scopes = ["tools.read", "tools.call"],
            JwksUri = "https://a.example.com/jwks",
            Jwks = """{"keys":[]}""",
            ApplicationType = "native",
            ClientUri = "https://a.example.com",
            LogoUri = "https://a.example.com/logo.png",
            CreatedAt = Now,
            MayExchangeTo = ["sub-agent", "other-agent"],
        };

        await Store.AddAsync(client, CancellationToken.None);
        var found = await Store.FindAsync("c1", CancellationToken.None);

        Assert.NotNull(found);
        Assert.Equal(client.SecretHash, found.SecretHash);
        Assert.Equal(client.RedirectUris, found.RedirectUris);
        Assert.Equal(client.GrantTypes, found.GrantTypes);
        Assert.Equal(client.Scopes, found.Scopes);
        Assert.Equal(client.MayExchangeTo, found.MayExchangeTo);
        Assert.Equal(client with { SecretHash = null, RedirectUris = [], GrantTypes = [], Scopes = [], MayExchangeTo = [] }, found with { SecretHash = null, RedirectUris = [], GrantTypes = [], Scopes = [], MayExchangeTo = [] });
    }

    [Fact]
    public async Task Add_MinimalClient_EmptyListsAndNullsSurvive()
    {
        await Store.AddAsync(new OAuthClient { ClientId = "c1", Name = "One", GrantTypes = [], CreatedAt = Now }, CancellationToken.None);

        var found = (await Store.FindAsync("c1", CancellationToken.None))!;

        Assert.Empty(found.RedirectUris);
        Assert.Empty(found.GrantTypes);
        Assert.Null(found.SecretHash);
        Assert.Null(found.Jwks);
        Assert.Equal(ClientSource.Registered, found.Source);
    }

    [Fact]
    public async Task Find_Unknown_Null()
    {
        Assert.Null(await Store.FindAsync("nobody", CancellationToken.None));
    }

    [Fact]
    public async Task Find_IdIsCaseSensitive()
    {
        await Store.AddAsync(new OAuthClient { ClientId = "Client", Name = "x", CreatedAt = Now }, CancellationToken.None);

        Assert.Null(await Store.FindAsync("client", CancellationToken.None));
    }

    [Fact]
    public async Task List_OrderedByName()
    {
        await Store.AddAsync(new OAuthClient { ClientId = "1", Name = "Zed", CreatedAt = Now }, CancellationToken.None);
        await Store.AddAsync(new OAuthClient { ClientId = "2", Name = "Alpha", CreatedAt = Now }, CancellationToken.None);

        Assert.Equal(["Alpha", "Zed"], (await Store.ListAsync(CancellationToken.None)).Select(c => c.Name));
    }

    [Fact]
    public async Task Remove_ExistingThenAgain_TrueThenFalse()
    {
        await Store.AddAsync(new OAuthClient { ClientId = "c1", Name = "x", CreatedAt = Now }, CancellationToken.None);

        Assert.True(await Store.RemoveAsync("c1", CancellationToken.None));
        Assert.False(await Store.RemoveAsync("c1", CancellationToken.None));
        Assert.Null(await Store.FindAsync("c1", CancellationToken.None));
    }

    [Fact]
    public async Task Count_BySource()
    {
        await Store.AddAsync(new OAuthClient { ClientId = "d1", Name = "x", Source = ClientSource.Dynamic, CreatedAt = Now }, CancellationToken.None);
        await Store.AddAsync(new OAuthClient { ClientId = "d2", Name = "x", Source = ClientSource.Dynamic, CreatedAt = Now }, CancellationToken.None);
        await Store.AddAsync(new OAuthClient { ClientId = "r1", Name = "x", Source = ClientSource.Registered, CreatedAt = Now }, CancellationToken.None);

        Assert.Equal(2, await Store.CountAsync(ClientSource.Dynamic, CancellationToken.None));
        Assert.Equal(1, await Store.CountAsync(ClientSource.Registered, CancellationToken.None));
        Assert.Equal(0, await Store.CountAsync(ClientSource.MetadataDocument, CancellationToken.None));
    }
}
