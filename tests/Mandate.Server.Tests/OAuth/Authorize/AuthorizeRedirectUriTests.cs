using System.Net;
using Mandate.Core.Clients;
using Mandate.Server.Tests.Support;
using Mandate.Testing;

namespace Mandate.Server.Tests.OAuth.Authorize;

/// <summary>Errors about the client or its redirect URI are shown to the person and never redirected (no open redirector).</summary>
public sealed class AuthorizeRedirectUriTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData("https://evil.example/callback")]
    [InlineData("http://127.0.0.1:9/callback/")]
    [InlineData("http://127.0.0.1:9/Callback")]
    [InlineData("http://127.0.0.1:9/callback?x=1")]
    [InlineData("http://localhost:9/callback")]
    [InlineData("http://127.0.0.1:9/callback#frag")]
    public async Task RedirectUriMismatch_ShowsErrorPage_WithoutRedirect(string redirect)
    {
        var client = await fixture.NewPublicClientAsync();

        var response = await OAuthHttp.Client.GetAsync(TestFlow.AuthorizeUrl(fixture.Issuer, client.ClientId, PkcePair.Create(), redirect: redirect));

        await AssertErrorPageAsync(response, "invalid_request");
    }

    [Fact]
    public async Task HttpsRedirect_WithOtherPort_IsRefused()
    {
        var client = (await fixture.Server.AddPublicClientAsync("https://app.example.com/cb")).Client;

        var response = await OAuthHttp.Client.GetAsync(TestFlow.AuthorizeUrl(fixture.Issuer, client.ClientId, PkcePair.Create(), redirect: "https://app.example.com:8443/cb"));

        await AssertErrorPageAsync(response, "invalid_request");
    }

    [Fact]
    public async Task LoopbackRedirect_WithOtherPort_IsAccepted()
    {
        var client = await fixture.NewPublicClientAsync();
        const string redirect = "http://127.0.0.1:5555/callback";

        var response = await OAuthHttp.Client.GetAsync(TestFlow.AuthorizeUrl(fixture.Issuer, client.ClientId, PkcePair.Create(), redirect: redirect, extra: ("prompt", "none")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(redirect + "?", response.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        var callback = QueryParameters.Of(response.Headers.Location!);
        Assert.Equal("login_required", callback["error"]);
        Assert.Equal(fixture.Issuer, callback["iss"]);
    }

    [Fact]
    public async Task UnknownClient_ShowsErrorPage_EvenWithOtherErrors()
    {
        var url = QueryParameters.Build(fixture.Issuer + "/authorize", ("response_type", "token"), ("client_id", "no-such-client"), ("redirect_uri", TestFlow.Redirect), ("state", "s"));

        var response = await OAuthHttp.Client.GetAsync(url);

        await AssertErrorPageAsync(response, "invalid_client");
    }

    [Fact]
    public async Task MissingClientId_ShowsErrorPage()
    {
        var response = await OAuthHttp.Client.GetAsync(QueryParameters.Build(fixture.Issuer + "/authorize", ("response_type", "code"), ("redirect_uri", TestFlow.Redirect)));

        await AssertErrorPageAsync(response, "invalid_request");
    }

    [Fact]
    public async Task RepeatedRedirectUri_ShowsErrorPage()
    {
        var client = await fixture.NewPublicClientAsync();
        var url = TestFlow.AuthorizeUrl(fixture.Issuer, client.ClientId, PkcePair.Create()) + "&redirect_uri=" + Uri.EscapeDataString(TestFlow.Redirect);

        var response = await OAuthHttp.Client.GetAsync(url);

        await AssertErrorPageAsync(response, "invalid_request");
    }

    [Fact]
    public async Task MissingRedirectUri_WithTwoRegistered_ShowsErrorPage()
    {
        var client = (await fixture.Server.AddClientAsync(new ClientMetadata
        {
            ClientName = "Two redirects",
            RedirectUris = [TestFlow.Redirect, "http://127.0.0.1:9/other"],
            TokenEndpointAuthMethod = TokenEndpointAuthMethods.None,
        })).Client;

        var response = await OAuthHttp.Client.GetAsync(TestFlow.AuthorizeUrl(fixture.Issuer, client.ClientId, PkcePair.Create()).Replace("redirect_uri=", "x=", StringComparison.Ordinal));

        await AssertErrorPageAsync(response, "invalid_request");
    }

    [Fact]
    public async Task MissingRedirectUri_WithOneRegistered_UsesIt()
    {
        var client = await fixture.NewPublicClientAsync();
        var url = TestFlow.AuthorizeUrl(fixture.Issuer, client.ClientId, PkcePair.Create(), extra: ("prompt", "none")).Replace("redirect_uri=", "x=", StringComparison.Ordinal);

        var response = await OAuthHttp.Client.GetAsync(url);

        Assert.StartsWith(TestFlow.Redirect + "?", response.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal("login_required", QueryParameters.Of(response.Headers.Location!)["error"]);
    }

    private static async Task AssertErrorPageAsync(HttpResponseMessage response, string error)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<p class=\"error-code\">{error}</p>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", html, StringComparison.Ordinal);
    }
}
