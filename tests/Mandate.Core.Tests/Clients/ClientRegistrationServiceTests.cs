using Mandate.Core.Clients;
using Mandate.Core.Tests.Support;
using Mandate.Protocol.OAuth;

namespace Mandate.Core.Tests.Clients;

public sealed class ClientRegistrationServiceTests : IAsyncLifetime
{
    private static readonly ClientMetadata Metadata = new() { ClientName = "App", RedirectUris = ["https://app.example.com/cb"] };
    private CoreHarness harness = null!;

    public async Task InitializeAsync() => harness = await CoreHarness.CreateAsync(sqlite: true);

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task Register_Dynamic_ReturnsTheSecretOnceAndStoresOnlyItsHash()
    {
        var registration = await RegisterAsync(Metadata, ClientSource.Dynamic);

        Assert.StartsWith("dyn_", registration.Client!.ClientId, StringComparison.Ordinal);
        Assert.NotNull(registration.Secret);
        var stored = await harness.Get<IClientStore>().FindAsync(registration.Client.ClientId, CancellationToken.None);
        Assert.Equal(ClientSecrets.Hash(registration.Secret), stored!.SecretHash);
        Assert.Equal(ClientSource.Dynamic, stored.Source);
    }

    [Fact]
    public async Task Register_PublicClient_NoSecret()
    {
        var registration = await RegisterAsync(Metadata with { TokenEndpointAuthMethod = TokenEndpointAuthMethods.None }, ClientSource.Dynamic);

        Assert.Null(registration.Secret);
        Assert.Null(registration.Client!.SecretHash);
    }

    [Fact]
    public async Task Register_DynamicWithClientId_Refused()
    {
        var registration = await RegisterAsync(Metadata with { ClientId = "mine" }, ClientSource.Dynamic);

        Assert.Equal(OAuthErrorCodes.InvalidClientMetadata, registration.Error!.Error);
    }

    [Fact]
    public async Task Register_DynamicDisabled_Refused()
    {
        harness.Options.Registration.DynamicRegistrationEnabled = false;

        Assert.Equal("access_denied", (await RegisterAsync(Metadata, ClientSource.Dynamic)).Error!.Error);
        Assert.NotNull((await RegisterAsync(Metadata with { ClientId = "cli" }, ClientSource.Registered)).Client);
    }

    [Fact]
    public async Task Register_DynamicLimitReached_TemporarilyUnavailable()
    {
        harness.Options.Registration.MaxDynamicClients = 1;
        await RegisterAsync(Metadata, ClientSource.Dynamic);

        Assert.Equal(OAuthErrorCodes.TemporarilyUnavailable, (await RegisterAsync(Metadata, ClientSource.Dynamic)).Error!.Error);
    }

    [Fact]
    public async Task Register_Invalid_NothingStored()
    {
        var registration = await RegisterAsync(Metadata with { RedirectUris = ["http://app.example.com/cb"] }, ClientSource.Dynamic);

        Assert.Equal(OAuthErrorCodes.InvalidRedirectUri, registration.Error!.Error);
        Assert.Empty(await harness.Get<IClientStore>().ListAsync(CancellationToken.None));
    }

    private Task<ClientRegistration> RegisterAsync(ClientMetadata metadata, ClientSource source) =>
        harness.Get<ClientRegistrationService>().RegisterAsync(metadata, source, CancellationToken.None);
}
