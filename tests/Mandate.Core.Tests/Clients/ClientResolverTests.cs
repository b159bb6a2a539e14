using Mandate.Core.Clients;
using Mandate.Core.Tests.Support;
using Mandate.Protocol.OAuth;

namespace Mandate.Core.Tests.Clients;

public sealed class ClientResolverTests : IAsyncLifetime
{
    private const string DocumentId = "https://agent.example.com/client.json";
    private CoreHarness harness = null!;

    public async Task InitializeAsync()
    {
        harness = await CoreHarness.CreateAsync();
        harness.Fetcher.Serve(DocumentId, $$"""{"client_id":"{{DocumentId}}","redirect_uris":["http://127.0.0.1/cb"]}""");
    }

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task Resolve_StoredClient_Found()
    {
        await harness.AddClientAsync(TestClients.Public());

        Assert.Equal("public-app", (await ResolveAsync("public-app")).Client!.ClientId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("nobody")]
    public async Task Resolve_Unknown_InvalidClient(string? clientId)
    {
        Assert.Equal(OAuthErrorCodes.InvalidClient, (await ResolveAsync(clientId)).Error!.Error);
    }

    [Fact]
    public async Task Resolve_MetadataDocumentUrl_Fetched()
    {
        var result = await ResolveAsync(DocumentId);

        Assert.Equal(ClientSource.MetadataDocument, result.Client!.Source);
        Assert.Equal(1, harness.Fetcher.FetchCount);
    }

    [Fact]
    public async Task Resolve_MetadataDocumentsDisabled_UrlIsJustAnUnknownClientAndNothingIsFetched()
    {
        harness.Options.Registration.ClientIdMetadataDocumentsEnabled = false;

        var result = await ResolveAsync(DocumentId);

        Assert.Equal(OAuthErrorCodes.InvalidClient, result.Error!.Error);
        Assert.Equal(0, harness.Fetcher.FetchCount);
    }

    [Fact]
    public async Task Resolve_RemovedClient_GoneAfterTheTwoSecondCache()
    {
        await harness.AddClientAsync(TestClients.Public());
        await ResolveAsync("public-app");
        await harness.Get<IClientStore>().RemoveAsync("public-app", CancellationToken.None);

        Assert.NotNull((await ResolveAsync("public-app")).Client);
        harness.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Null((await ResolveAsync("public-app")).Client);
    }

    private Task<ClientValidationResult> ResolveAsync(string? clientId) =>
        harness.Get<ClientResolver>().ResolveAsync(clientId, CancellationToken.None);
}
