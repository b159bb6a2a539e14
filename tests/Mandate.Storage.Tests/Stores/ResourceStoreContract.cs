using Mandate.Core.Resources;
using Mandate.Storage.Stores;
using Mandate.Storage.Tests.Support;

namespace Mandate.Storage.Tests.Stores;

public abstract class ResourceStoreContract(Func<Task<TestDatabase>> createDatabase) : StoreTestBase(createDatabase)
{
    private EfResourceStore Store => new(Factory);

    [Fact]
    public async Task Upsert_New_RoundTripsListAndDictionary()
    {
        await Store.UpsertAsync(Resource("https://mcp.example.com/mcp"), CancellationToken.None);

        var found = (await Store.FindAsync("https://mcp.example.com/mcp", CancellationToken.None))!;

        Assert.Equal("MCP", found.Name);
        Assert.Equal(["tools.read", "tools.call"], found.Scopes);
        Assert.Equal(new Dictionary<string, string> { ["tools.read"] = "List tools", ["tools.call"] = "Run \"tools\" — ünïcode" }, found.ScopeDescriptions);
        Assert.Equal(Now, found.CreatedAt);
    }

    [Fact]
    public async Task Upsert_Existing_ReplacesNameScopesAndDescriptionsButKeepsCreatedAt()
    {
        await Store.UpsertAsync(Resource("https://mcp.example.com/mcp"), CancellationToken.None);

        await Store.UpsertAsync(new ProtectedResource
        {
            Uri = "https://mcp.example.com/mcp",
            Name = "Renamed",
            Scopes = ["admin"],
            ScopeDescriptions = new Dictionary<string, string> { ["admin"] = "Everything" },
            CreatedAt = Now.AddDays(1),
        }, CancellationToken.None);

        var found = (await Store.FindAsync("https://mcp.example.com/mcp", CancellationToken.None))!;
        Assert.Equal("Renamed", found.Name);
        Assert.Equal(["admin"], found.Scopes);
        Assert.Equal(new Dictionary<string, string> { ["admin"] = "Everything" }, found.ScopeDescriptions);
        Assert.Equal(Now, found.CreatedAt);
        Assert.Single(await Store.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Upsert_SameScopeCountDifferentDescriptions_Saved()
    {
        await Store.UpsertAsync(Resource("https://r.example.com"), CancellationToken.None);

        await Store.UpsertAsync(Resource("https://r.example.com") with { ScopeDescriptions = new Dictionary<string, string> { ["tools.read"] = "changed", ["tools.call"] = "changed too" } }, CancellationToken.None);

        Assert.Equal("changed", (await Store.FindAsync("https://r.example.com", CancellationToken.None))!.ScopeDescriptions["tools.read"]);
    }

    [Fact]
    public async Task List_OrderedByUri()
    {
        await Store.UpsertAsync(Resource("https://b.example.com"), CancellationToken.None);
        await Store.UpsertAsync(Resource("https://a.example.com"), CancellationToken.None);

        Assert.Equal(["https://a.example.com", "https://b.example.com"], (await Store.ListAsync(CancellationToken.None)).Select(r => r.Uri));
    }

    [Fact]
    public async Task Remove_ThenFind_Null()
    {
        await Store.UpsertAsync(Resource("https://a.example.com"), CancellationToken.None);

        Assert.True(await Store.RemoveAsync("https://a.example.com", CancellationToken.None));
        Assert.False(await Store.RemoveAsync("https://a.example.com", CancellationToken.None));
        Assert.Null(await Store.FindAsync("https://a.example.com", CancellationToken.None));
    }

    private static ProtectedResource Resource(string uri) => new()
    {
        Uri = uri,
        Name = "MCP",
        Scopes = ["tools.read", "tools.call"],
        ScopeDescriptions = new Dictionary<string, string> { ["tools.read"] = "List tools", ["tools.call"] = "Run \"tools\" — ünïcode" },
        CreatedAt = Now,
    };
}
