using Mandate.Core.Clients;
using Mandate.Core.Configuration;
using Mandate.Core.Tests.Fakes;
using Mandate.Protocol.OAuth;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Core.Tests.Clients;

public sealed class ClientIdMetadataDocumentsTests
{
    private const string ClientId = "https://agent.example.com/oauth/client.json";
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly MandateOptions options = new();
    private readonly FakeFetcher fetcher;
    private readonly ClientIdMetadataDocuments documents;

    public ClientIdMetadataDocumentsTests()
    {
        fetcher = new FakeFetcher(options);
        documents = new ClientIdMetadataDocuments(fetcher, Options.Create(options), time, NullLogger<ClientIdMetadataDocuments>.Instance);
    }

    [Fact]
    public async Task Resolve_ValidDocument_ReturnsMetadataDocumentClient()
    {
        fetcher.Serve(ClientId, Document(ClientId));

        var result = await documents.ResolveAsync(ClientId, CancellationToken.None);

        Assert.Null(result.Error);
        Assert.Equal(ClientId, result.Client!.ClientId);
        Assert.Equal(ClientSource.MetadataDocument, result.Client.Source);
        Assert.Equal("Agent", result.Client.Name);
        Assert.Equal(["http://127.0.0.1/callback"], result.Client.RedirectUris);
        Assert.True(result.Client.IsPublic);
    }

    [Fact]
    public async Task Resolve_ClientIdInDocumentDiffers_Refused()
    {
        fetcher.Serve(ClientId, Document("https://agent.example.com/oauth/other.json"));

        var result = await documents.ResolveAsync(ClientId, CancellationToken.None);

        Assert.Null(result.Client);
        Assert.Equal(OAuthErrorCodes.InvalidClient, result.Error!.Error);
        Assert.Contains("client_id", result.Error.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"client_id": 5}""")]
    public async Task Resolve_InvalidJson_Refused(string body)
    {
        fetcher.Serve(ClientId, body);

        var result = await documents.ResolveAsync(ClientId, CancellationToken.None);

        Assert.Null(result.Client);
        Assert.Equal(OAuthErrorCodes.InvalidClient, result.Error!.Error);
    }

    [Fact]
    public async Task Resolve_DocumentFailsMetadataValidation_Refused()
    {
        fetcher.Serve(ClientId, $$"""{"client_id":"{{ClientId}}","redirect_uris":["http://127.0.0.1/cb"],"token_endpoint_auth_method":"client_secret_post"}""");

        var result = await documents.ResolveAsync(ClientId, CancellationToken.None);

        Assert.Null(result.Client);
        Assert.Contains("shared secret", result.Error!.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://agent.example.com")]
    [InlineData("https://agent.example.com/")]
    [InlineData("https://agent.example.com/client.json#x")]
    [InlineData("https://agent.example.com/a/../client.json")]
    [InlineData("https://agent.example.com/./client.json")]
    [InlineData("https://user:pw@agent.example.com/client.json")]
    [InlineData("http://agent.example.com/client.json")]
    [InlineData("https://10.0.0.1/client.json")]
    public async Task Resolve_UrlBreaksTheRules_RefusedWithoutFetching(string clientId)
    {
        fetcher.Serve(clientId, Document(clientId));

        var result = await documents.ResolveAsync(clientId, CancellationToken.None);

        Assert.Null(result.Client);
        Assert.Equal(OAuthErrorCodes.InvalidClient, result.Error!.Error);
        Assert.Equal(0, fetcher.FetchCount);
    }

    [Fact]
    public void CheckUrl_GoodUrl_Null()
    {
        Assert.Null(documents.CheckUrl(ClientId));
    }

    [Fact]
    public async Task Resolve_Twice_FetchesOnce()
    {
        fetcher.Serve(ClientId, Document(ClientId));

        await documents.ResolveAsync(ClientId, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(4));
        var second = await documents.ResolveAsync(ClientId, CancellationToken.None);

        Assert.NotNull(second.Client);
        Assert.Equal(1, fetcher.FetchCount);
    }

    [Fact]
    public async Task Resolve_WithoutMaxAge_RefetchesAfterFiveMinutes()
    {
        fetcher.Serve(ClientId, Document(ClientId));
        await documents.ResolveAsync(ClientId, CancellationToken.None);

        time.Advance(TimeSpan.FromMinutes(5));
        await documents.ResolveAsync(ClientId, CancellationToken.None);

        Assert.Equal(2, fetcher.FetchCount);
    }

    [Fact]
    public async Task Resolve_MaxAge_Honoured()
    {
        fetcher.Serve(ClientId, Document(ClientId), maxAge: TimeSpan.FromHours(1));
        await documents.ResolveAsync(ClientId, CancellationToken.None);

        time.Advance(TimeSpan.FromMinutes(59));
        await documents.ResolveAsync(ClientId, CancellationToken.None);
        Assert.Equal(1, fetcher.FetchCount);

        time.Advance(TimeSpan.FromMinutes(1));
        await documents.ResolveAsync(ClientId, CancellationToken.None);
        Assert.Equal(2, fetcher.FetchCount);
    }

    [Fact]
    public async Task Resolve_ShortMaxAge_RefetchesSooner()
    {
        fetcher.Serve(ClientId, Document(ClientId), maxAge: TimeSpan.FromSeconds(10));
        await documents.ResolveAsync(ClientId, CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(11));
        await documents.ResolveAsync(ClientId, CancellationToken.None);

        Assert.Equal(2, fetcher.FetchCount);
    }

    [Fact]
    public async Task Resolve_MaxAgeZero_NotCached()
    {
        fetcher.Serve(ClientId, Document(ClientId), maxAge: TimeSpan.Zero);

        await documents.ResolveAsync(ClientId, CancellationToken.None);
        await documents.ResolveAsync(ClientId, CancellationToken.None);

        Assert.Equal(2, fetcher.FetchCount);
    }

    [Fact]
    public async Task Resolve_HugeMaxAge_CappedAtADay()
    {
        fetcher.Serve(ClientId, Document(ClientId), maxAge: TimeSpan.FromDays(30));
        await documents.ResolveAsync(ClientId, CancellationToken.None);

        time.Advance(TimeSpan.FromHours(24));
        await documents.ResolveAsync(ClientId, CancellationToken.None);

        Assert.Equal(2, fetcher.FetchCount);
    }

    [Fact]
    public async Task Resolve_FetchFailure_CachedBriefly()
    {
        fetcher.Fail(ClientId);
        var first = await documents.ResolveAsync(ClientId, CancellationToken.None);
        fetcher.Serve(ClientId, Document(ClientId));

        time.Advance(TimeSpan.FromSeconds(29));
        var cached = await documents.ResolveAsync(ClientId, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1));
        var retried = await documents.ResolveAsync(ClientId, CancellationToken.None);

        Assert.Null(first.Client);
        Assert.Null(cached.Client);
        Assert.NotNull(retried.Client);
        Assert.Equal(2, fetcher.FetchCount);
    }

    [Fact]
    public void IsMetadataDocumentId_HttpsUrl_True()
    {
        Assert.True(documents.IsMetadataDocumentId(ClientId));
        Assert.False(documents.IsMetadataDocumentId("plain-client-id"));
        Assert.False(documents.IsMetadataDocumentId("http://127.0.0.1:8080/client.json"));
    }

    [Fact]
    public void IsMetadataDocumentId_LoopbackFetchAllowed_AcceptsHttp()
    {
        options.Security.AllowLoopbackFetch = true;

        Assert.True(documents.IsMetadataDocumentId("http://127.0.0.1:8080/client.json"));
    }

    [Fact]
    public void IsMetadataDocumentId_Disabled_False()
    {
        options.Registration.ClientIdMetadataDocumentsEnabled = false;

        Assert.False(documents.IsMetadataDocumentId(ClientId));
    }

    private static string Document(string clientId) =>
        $$"""{"client_id":"{{clientId}}","client_name":"Agent","redirect_uris":["http://127.0.0.1/callback"]}""";
}
