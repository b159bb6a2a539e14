using Mandate.Core.Gateway;
using Mandate.Core.Security;
using Mandate.Storage.Stores;
using Mandate.Storage.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Storage.Tests.Stores;

public abstract class UpstreamStoreContract(Func<Task<TestDatabase>> createDatabase) : StoreTestBase(createDatabase)
{
    private const string ApiKey = "sk-live-0123456789abcdef";

    private readonly TestSecretProtector protector = new();

    private EfUpstreamStore Store => new(Factory, protector);

    [Fact]
    public async Task Upsert_New_RoundTripsEveryField()
    {
        await Store.UpsertAsync(Upstream("notes"), CancellationToken.None);

        var found = (await Store.FindAsync("notes", CancellationToken.None))!;

        Assert.Equal("https://notes.example.com/mcp?tenant=1", found.Url);
        Assert.Equal("streamable-http", found.Transport);
        Assert.True(found.TrustAnnotations);
        Assert.Equal(Now, found.CreatedAt);
        Assert.Equal("Bearer " + ApiKey, found.Headers["Authorization"]);
        Assert.Equal("ünïcode \"quoted\"", found.Headers["X-Team"]);
    }

    [Theory]
    [InlineData("bearer")]
    [InlineData("header:X-Api-Key")]
    [InlineData("query:key")]
    public async Task Credential_RoundTrips_AndCanBeCleared(string placement)
    {
        var credential = UpstreamCredential.Parse("connector:github", placement, out _)!;
        await Store.UpsertAsync(Upstream("notes") with { Credential = credential }, CancellationToken.None);
        Assert.Equal(credential, (await Store.FindAsync("notes", CancellationToken.None))!.Credential);

        await Store.UpsertAsync(Upstream("notes"), CancellationToken.None);

        Assert.Null((await Store.FindAsync("notes", CancellationToken.None))!.Credential);
    }

    [Fact]
    public async Task Headers_LookedUpCaseInsensitively()
    {
        await Store.UpsertAsync(Upstream("notes"), CancellationToken.None);

        Assert.Equal("Bearer " + ApiKey, (await Store.FindAsync("notes", CancellationToken.None))!.Headers["authorization"]);
    }

    [Fact]
    public async Task Headers_NeverStoredInPlaintext()
    {
        await Store.UpsertAsync(Upstream("notes"), CancellationToken.None);

        await using var db = await Factory.CreateDbContextAsync();
        var raw = await db.Database.SqlQueryRaw<string>("SELECT \"ProtectedHeaders\" AS \"Value\" FROM upstreams WHERE \"Name\" = 'notes'").SingleAsync();
        Assert.DoesNotContain(ApiKey, raw, StringComparison.Ordinal);
        Assert.DoesNotContain("Authorization", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("X-Team", raw, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task NoHeaders_StillStoredProtected_AndReadBackEmpty()
    {
        await Store.UpsertAsync(Upstream("bare") with { Headers = new Dictionary<string, string>() }, CancellationToken.None);

        Assert.Empty((await Store.FindAsync("bare", CancellationToken.None))!.Headers);
    }

    [Fact]
    public async Task HeadersThatCannotBeDecrypted_FailClearly_NamingTheUpstreamButNotTheValue()
    {
        await Store.UpsertAsync(Upstream("notes"), CancellationToken.None);
        var otherKeys = new EfUpstreamStore(Factory, new TestSecretProtector());

        var find = await Assert.ThrowsAsync<SecretDecryptionException>(() => otherKeys.FindAsync("notes", CancellationToken.None));
        await Assert.ThrowsAsync<SecretDecryptionException>(() => otherKeys.ListAsync(CancellationToken.None));

        Assert.Contains("'notes'", find.Message, StringComparison.Ordinal);
        Assert.Contains("data-protection", find.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, find.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upsert_Existing_ReplacesEverythingButCreatedAt()
    {
        await Store.UpsertAsync(Upstream("notes"), CancellationToken.None);

        await Store.UpsertAsync(new Upstream { Name = "notes", Url = "http://127.0.0.1:3000/mcp", Headers = new Dictionary<string, string> { ["X-Key"] = "2" }, CreatedAt = Now.AddDays(1) }, CancellationToken.None);

        var found = (await Store.FindAsync("notes", CancellationToken.None))!;
        Assert.Equal("http://127.0.0.1:3000/mcp", found.Url);
        Assert.False(found.TrustAnnotations);
        Assert.Equal(["X-Key"], found.Headers.Keys);
        Assert.Equal(Now, found.CreatedAt);
        Assert.Single(await Store.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task List_OrderedByName()
    {
        await Store.UpsertAsync(Upstream("b"), CancellationToken.None);
        await Store.UpsertAsync(Upstream("a"), CancellationToken.None);

        Assert.Equal(["a", "b"], (await Store.ListAsync(CancellationToken.None)).Select(u => u.Name));
    }

    [Fact]
    public async Task Remove_ThenFind_Null()
    {
        await Store.UpsertAsync(Upstream("notes"), CancellationToken.None);

        Assert.True(await Store.RemoveAsync("notes", CancellationToken.None));
        Assert.False(await Store.RemoveAsync("notes", CancellationToken.None));
        Assert.Null(await Store.FindAsync("notes", CancellationToken.None));
    }

    private static Upstream Upstream(string name) => new()
    {
        Name = name,
        Url = "https://notes.example.com/mcp?tenant=1",
        TrustAnnotations = true,
        Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + ApiKey, ["X-Team"] = "ünïcode \"quoted\"" },
        CreatedAt = Now,
    };
}
