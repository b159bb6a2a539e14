using Mandate.Core.Audit;
using Mandate.Core.Tests.Support;
using Mandate.Core.Vault;
using Mandate.Core.Vault.Broker;
using Mandate.Core.Vault.Connections;
using Mandate.Core.Vault.Connectors;
using Mandate.Core.Vault.Providers;

namespace Mandate.Core.Tests.Vault;

public sealed class CredentialBrokerTests : IAsyncLifetime
{
    private CoreHarness harness = null!;

    private ICredentialBroker Broker => harness.Get<ICredentialBroker>();

    public async Task InitializeAsync()
    {
        harness = await CoreHarness.CreateAsync(sqlite: true, o => o.Vault.CredentialCacheLifetime = TimeSpan.FromMinutes(2));
        await harness.Get<IConnectorStore>().UpsertAsync(new Connector { Name = "weather", Kind = ConnectorKind.ApiKey, CreatedAt = CoreHarness.Start }, CancellationToken.None);
        await harness.Get<IConnectorStore>().UpsertAsync(
            new Connector { Name = "calendar", Kind = ConnectorKind.OAuth, ClientId = "c", AuthorizationEndpoint = "https://p.example/a", TokenEndpoint = "https://p.example/t", CreatedAt = CoreHarness.Start },
            CancellationToken.None);
    }

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task UnknownConnector_AndNotConnected_AreTyped_WithTheConnectUrl()
    {
        Assert.Equal(CredentialStatus.UnknownConnector, (await Broker.GetAsync("alice", "nope", CancellationToken.None)).Status);

        var missing = await Broker.GetAsync("alice", "weather", CancellationToken.None);
        Assert.Equal(CredentialStatus.NotConnected, missing.Status);
        Assert.Equal(CoreHarness.Issuer + "/connections?connector=weather", missing.ConnectUrl);
        Assert.Null(missing.Credential);
    }

    [Fact]
    public async Task PastedApiKey_IsAvailable_AndTheLedgerNamesTheConnectorOnly()
    {
        Assert.Null(await harness.Get<ConnectionService>().SaveApiKeyAsync("alice", "weather", "wk-live-12345", CancellationToken.None));

        var result = await Broker.GetAsync("alice", "weather", CancellationToken.None);

        Assert.Equal(CredentialStatus.Available, result.Status);
        Assert.Equal("wk-live-12345", result.Credential!.Value);
        Assert.Equal(CredentialStatus.NotConnected, (await Broker.GetAsync("bob", "weather", CancellationToken.None)).Status);
        var connect = Assert.Single(await harness.Get<IAuditReader>().SearchAsync(new AuditQuery { Kind = VaultAudit.ConnectKind }, CancellationToken.None));
        Assert.Equal("connector:weather", connect.Event.Resource);
        Assert.Equal("alice", connect.Event.Subject);
        Assert.DoesNotContain("wk-live", System.Text.Encoding.UTF8.GetString(connect.Entry), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CachedCredential_IsServedAtMostForTheConfiguredBound()
    {
        await harness.Get<ConnectionService>().SaveApiKeyAsync("alice", "weather", "first-key", CancellationToken.None);
        Assert.Equal("first-key", (await Broker.GetAsync("alice", "weather", CancellationToken.None)).Credential!.Value);

        // Another instance replaces the key in the shared store: this one's cached copy lives on until its bound.
        await StoreDirectlyAsync("alice", "weather", ConnectorKind.ApiKey, new StoredCredential { ApiKey = "second-key" }, expiresAt: null);
        harness.Time.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(1));
        Assert.Equal("first-key", (await Broker.GetAsync("alice", "weather", CancellationToken.None)).Credential!.Value);
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("second-key", (await Broker.GetAsync("alice", "weather", CancellationToken.None)).Credential!.Value);
    }

    [Fact]
    public async Task CachedToken_IsNeverServedPastItsExpiry_AndWithoutRefreshTokenTheConnectionNeedsReconnecting()
    {
        var expiry = CoreHarness.Start.AddSeconds(40);
        await StoreDirectlyAsync("alice", "calendar", ConnectorKind.OAuth, new StoredCredential { AccessToken = "at-1", TokenType = "Bearer" }, expiry);
        Assert.Equal("at-1", (await Broker.GetAsync("alice", "calendar", CancellationToken.None)).Credential!.Value);

        harness.Time.Advance(TimeSpan.FromSeconds(31));
        var result = await Broker.GetAsync("alice", "calendar", CancellationToken.None);

        Assert.Equal(CredentialStatus.ReconnectNeeded, result.Status);
        Assert.Equal("no_refresh_token", result.Reason);
        Assert.Equal(CoreHarness.Issuer + "/connections?connector=calendar", result.ConnectUrl);
        var failed = Assert.Single(await harness.Get<IAuditReader>().SearchAsync(new AuditQuery { Kind = VaultAudit.RefreshFailedKind }, CancellationToken.None));
        Assert.Equal("deny", failed.Event.Decision);
    }

    [Fact]
    public async Task CredentialMovedToAnotherPersonsRow_DoesNotDecrypt()
    {
        await harness.Get<ConnectionService>().SaveApiKeyAsync("bob", "weather", "bobs-key", CancellationToken.None);
        var bobs = (await harness.Get<IConnectionStore>().FindAsync("bob", "weather", CancellationToken.None))!;
        await harness.Get<IConnectionStore>().UpsertAsync(bobs with { UserId = "alice" }, CancellationToken.None);

        var result = await Broker.GetAsync("alice", "weather", CancellationToken.None);

        Assert.Equal(CredentialStatus.ReconnectNeeded, result.Status);
        Assert.Equal("credential_unreadable", result.Reason);
        Assert.Equal("bobs-key", (await Broker.GetAsync("bob", "weather", CancellationToken.None)).Credential!.Value);
    }

    [Fact]
    public async Task Disconnect_ForgetsTheCachedCredential()
    {
        await harness.Get<ConnectionService>().SaveApiKeyAsync("alice", "weather", "key", CancellationToken.None);
        Assert.Equal(CredentialStatus.Available, (await Broker.GetAsync("alice", "weather", CancellationToken.None)).Status);

        Assert.True(await harness.Get<ConnectionService>().DisconnectAsync("alice", "weather", CancellationToken.None));

        Assert.Equal(CredentialStatus.NotConnected, (await Broker.GetAsync("alice", "weather", CancellationToken.None)).Status);
        Assert.Single(await harness.Get<IAuditReader>().SearchAsync(new AuditQuery { Kind = VaultAudit.DisconnectKind }, CancellationToken.None));
    }

    [Fact]
    public async Task ADpopBoundToken_ComesWithItsKey_AndAnUnreadableKeyMeansReconnect()
    {
        using var key = ProviderDpopKey.Create();
        var expiry = harness.Time.GetUtcNow().AddHours(1);
        await StoreDirectlyAsync("alice", "calendar", ConnectorKind.OAuth, new StoredCredential { AccessToken = "at-dpop", TokenType = "DPoP", DpopKey = ProviderDpopKey.ToPrivateJwk(key) }, expiry);
        await StoreDirectlyAsync("bob", "calendar", ConnectorKind.OAuth, new StoredCredential { AccessToken = "at-broken", TokenType = "DPoP", DpopKey = "{\"kty\":\"EC\"}" }, expiry);

        var alice = await Broker.GetAsync("alice", "calendar", CancellationToken.None);
        var bob = await Broker.GetAsync("bob", "calendar", CancellationToken.None);

        Assert.Equal(CredentialStatus.Available, alice.Status);
        Assert.Equal(ProviderDpopKey.ToPrivateJwk(key), alice.Credential!.DpopKey);
        Assert.DoesNotContain("\"d\"", alice.Credential.ToString(), StringComparison.Ordinal);
        Assert.Equal(CredentialStatus.ReconnectNeeded, bob.Status);
    }

    private async Task StoreDirectlyAsync(string userId, string connector, ConnectorKind kind, StoredCredential credential, DateTimeOffset? expiresAt)
    {
        var sealedCredential = await harness.Get<ConnectionSealing>().SealAsync(userId, connector, kind, credential, CancellationToken.None);
        await harness.Get<IConnectionStore>().UpsertAsync(
            new Connection { UserId = userId, Connector = connector, SealedCredential = sealedCredential, ExpiresAt = expiresAt, CreatedAt = harness.Time.GetUtcNow(), UpdatedAt = harness.Time.GetUtcNow() },
            CancellationToken.None);
    }
}
