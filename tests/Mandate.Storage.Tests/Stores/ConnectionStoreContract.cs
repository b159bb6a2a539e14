using Mandate.Core.Vault.Connections;
using Mandate.Core.Vault.Connectors;
using Mandate.Storage.Stores;
using Mandate.Storage.Tests.Support;

namespace Mandate.Storage.Tests.Stores;

public abstract class ConnectionStoreContract(Func<Task<TestDatabase>> createDatabase) : StoreTestBase(createDatabase)
{
    private EfConnectionStore Store => new(Factory);

    [Fact]
    public async Task Lease_ConcurrentTakersFromSeveralInstances_ExactlyOneWins()
    {
        await Store.UpsertAsync(Connection("alice", "github"), CancellationToken.None);
        var instances = new List<EfConnectionStore> { Store };
        for (var i = 0; i < 3; i++)
        {
            instances.Add(new EfConnectionStore(await Database.OpenAnotherAsync()));
        }

        using var start = new ManualResetEventSlim();
        var takers = Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await instances[i % instances.Count].TryTakeLeaseAsync("alice", "github", "holder-" + i, Now, Now.AddSeconds(30), CancellationToken.None);
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(takers);

        Assert.Single(results, won => won);
    }

    [Fact]
    public async Task Lease_HeldAndUnexpired_IsRefused_ExpiredIsTaken()
    {
        await Store.UpsertAsync(Connection("alice", "github"), CancellationToken.None);
        Assert.True(await Store.TryTakeLeaseAsync("alice", "github", "a", Now, Now.AddSeconds(30), CancellationToken.None));

        Assert.False(await Store.TryTakeLeaseAsync("alice", "github", "b", Now.AddSeconds(29), Now.AddSeconds(60), CancellationToken.None));
        Assert.True(await Store.TryTakeLeaseAsync("alice", "github", "b", Now.AddSeconds(31), Now.AddSeconds(60), CancellationToken.None));

        // The first holder's lease ran out and was taken over: its late completion must not overwrite anything.
        var refreshed = new RefreshedCredential("v1.dk.late", Now.AddHours(1), Now.AddMinutes(50), null, Now.AddSeconds(32));
        Assert.False(await Store.CompleteRefreshAsync("alice", "github", "a", refreshed, CancellationToken.None));
        Assert.Equal("v1.dk.sealed", (await Store.FindAsync("alice", "github", CancellationToken.None))!.SealedCredential);
    }

    [Fact]
    public async Task CompleteRefresh_ByTheHolder_StoresAndReleases()
    {
        await Store.UpsertAsync(Connection("alice", "github"), CancellationToken.None);
        Assert.True(await Store.TryTakeLeaseAsync("alice", "github", "a", Now, Now.AddSeconds(30), CancellationToken.None));

        var refreshed = new RefreshedCredential("v1.dk.new", Now.AddHours(1), Now.AddMinutes(50), "repo", Now.AddSeconds(1));
        Assert.True(await Store.CompleteRefreshAsync("alice", "github", "a", refreshed, CancellationToken.None));

        var found = (await Store.FindAsync("alice", "github", CancellationToken.None))!;
        Assert.Equal("v1.dk.new", found.SealedCredential);
        Assert.Equal(Now.AddMinutes(50), found.RefreshDueAt);
        Assert.Equal("repo", found.Scope);
        Assert.True(await Store.TryTakeLeaseAsync("alice", "github", "b", Now.AddSeconds(2), Now.AddSeconds(30), CancellationToken.None));
    }

    [Fact]
    public async Task MarkReconnectNeeded_TakesItOutOfTheRefreshQueue()
    {
        await Store.UpsertAsync(Connection("alice", "github") with { RefreshDueAt = Now.AddMinutes(-1) }, CancellationToken.None);
        await Store.UpsertAsync(Connection("bob", "github") with { RefreshDueAt = Now.AddMinutes(1) }, CancellationToken.None);
        Assert.Equal(["alice"], (await Store.ListDueAsync(Now, 10, CancellationToken.None)).Select(c => c.UserId));

        Assert.True(await Store.TryTakeLeaseAsync("alice", "github", "a", Now, Now.AddSeconds(30), CancellationToken.None));
        Assert.Empty(await Store.ListDueAsync(Now, 10, CancellationToken.None));
        Assert.True(await Store.MarkReconnectNeededAsync("alice", "github", "a", "invalid_grant", Now, CancellationToken.None));

        var found = (await Store.FindAsync("alice", "github", CancellationToken.None))!;
        Assert.Equal(ConnectionStatus.ReconnectNeeded, found.Status);
        Assert.Equal("invalid_grant", found.LastError);
        Assert.DoesNotContain(await Store.ListDueAsync(Now.AddDays(1), 10, CancellationToken.None), c => c.UserId == "alice");
    }

    [Fact]
    public async Task RemovingTheConnector_RemovesItsConnections()
    {
        var connectors = new EfConnectorStore(Factory);
        await connectors.UpsertAsync(new Connector { Name = "github", Kind = ConnectorKind.OAuth, Scopes = ["repo"], ExtraParameters = new Dictionary<string, string> { ["prompt"] = "consent" }, CreatedAt = Now }, CancellationToken.None);
        await Store.UpsertAsync(Connection("alice", "github"), CancellationToken.None);
        Assert.Equal("consent", (await connectors.FindAsync("github", CancellationToken.None))!.ExtraParameters["prompt"]);

        Assert.True(await connectors.RemoveAsync("github", CancellationToken.None));

        Assert.Null(await Store.FindAsync("alice", "github", CancellationToken.None));
    }

    private static Connection Connection(string user, string connector) => new()
    {
        UserId = user,
        Connector = connector,
        SealedCredential = "v1.dk.sealed",
        ExpiresAt = Now.AddHours(1),
        RefreshDueAt = Now.AddMinutes(55),
        CreatedAt = Now,
        UpdatedAt = Now,
    };
}
