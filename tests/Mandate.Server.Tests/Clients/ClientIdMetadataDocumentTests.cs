using System.Net;
using Mandate.Protocol.Jose;
using Mandate.Server.Tests.Support;
using Mandate.Testing;

namespace Mandate.Server.Tests.Clients;

/// <summary>A URL as client_id: the server fetches the client's metadata from it (here from a loopback site).</summary>
public sealed class ClientIdMetadataDocumentTests(MetadataDocumentFixture fixture) : IClassFixture<MetadataDocumentFixture>
{
    [Fact]
    public async Task FullCodeFlow_WithDocumentClient()
    {
        var clientId = MetadataDocumentFixture.ServeClient(fixture.Documents, "/flow/client.json");

        var tokens = await TestFlow.TokensAsync(fixture.Issuer, clientId, browser: fixture.Browser);

        var token = CompactJws.TryParse(tokens.GetProperty("access_token").GetString())!;
        Assert.Equal(clientId, token.GetClaim("client_id"));
        var refreshed = await OAuthHttp.RefreshAsync(fixture.Issuer, tokens.GetProperty("refresh_token").GetString()!, clientId);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
    }

    [Fact]
    public async Task ConsentPage_WarnsAboutAFirstTimeHost_UntilSomeoneConsents()
    {
        await using var host = await DocumentHost.StartAsync();
        var first = MetadataDocumentFixture.ServeClient(host, "/a/client.json", "First Agent");
        var second = MetadataDocumentFixture.ServeClient(host, "/b/client.json", "Second Agent");
        using var browser = new BrowserSession();
        await BrowserSteps.SignInAsync(browser, fixture.Issuer);

        var (page, url) = await BrowserSteps.OpenAsync(browser, TestFlow.AuthorizeUrl(fixture.Issuer, first, PkcePair.Create()), fixture.Server.BaseUrl);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal("/consent", url.AbsolutePath);
        Assert.Contains("First Agent", html, StringComparison.Ordinal);
        Assert.Contains("This is the first time anyone here has used an application from", html, StringComparison.Ordinal);
        Assert.Contains(new Uri(host.BaseUrl).Authority, html, StringComparison.Ordinal);
        var allowed = await BrowserSteps.SubmitAsync(browser, url, html, ("decision", "allow"));
        Assert.True(TestFlow.Callback(allowed).ContainsKey("code"));

        var (secondPage, _) = await BrowserSteps.OpenAsync(browser, TestFlow.AuthorizeUrl(fixture.Issuer, second, PkcePair.Create()), fixture.Server.BaseUrl);
        var secondHtml = await secondPage.Content.ReadAsStringAsync();
        Assert.Contains("Second Agent", secondHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("first time anyone here", secondHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DocumentWithAnotherClientId_ShowsErrorPage()
    {
        var clientId = MetadataDocumentFixture.ServeClient(fixture.Documents, "/mismatch/client.json", clientId: fixture.Documents.BaseUrl + "/someone-else.json");

        var response = await OAuthHttp.Client.GetAsync(TestFlow.AuthorizeUrl(fixture.Issuer, clientId, PkcePair.Create()));

        await AssertErrorPageAsync(response, "invalid_client");
    }

    [Fact]
    public async Task RedirectUriNotInDocument_ShowsErrorPage()
    {
        var clientId = MetadataDocumentFixture.ServeClient(fixture.Documents, "/redirect/client.json", redirects: ["http://127.0.0.1:9/elsewhere"]);

        var response = await OAuthHttp.Client.GetAsync(TestFlow.AuthorizeUrl(fixture.Issuer, clientId, PkcePair.Create()));

        await AssertErrorPageAsync(response, "invalid_request");
    }

    [Fact]
    public async Task MissingRedirectUri_ShowsErrorPage_EvenWithOneInTheDocument()
    {
        var clientId = MetadataDocumentFixture.ServeClient(fixture.Documents, "/single/client.json");

        var url = TestFlow.AuthorizeUrl(fixture.Issuer, clientId, PkcePair.Create()).Replace("redirect_uri=", "x=", StringComparison.Ordinal);
        var response = await OAuthHttp.Client.GetAsync(url);

        await AssertErrorPageAsync(response, "invalid_request");
    }

    [Theory]
    [InlineData("/missing/client.json", false)]
    [InlineData("/secret/client.json", true)]
    public async Task UnusableDocument_ShowsErrorPage(string path, bool serveWithSecretMethod)
    {
        var clientId = serveWithSecretMethod
            ? MetadataDocumentFixture.ServeClient(fixture.Documents, path, method: "client_secret_basic")
            : fixture.Documents.BaseUrl + path;

        var response = await OAuthHttp.Client.GetAsync(TestFlow.AuthorizeUrl(fixture.Issuer, clientId, PkcePair.Create()));

        await AssertErrorPageAsync(response, "invalid_client");
    }

    private static async Task AssertErrorPageAsync(HttpResponseMessage response, string error)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains($"<p class=\"error-code\">{error}</p>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
