using System.Net;
using Mandate.Server.Tests.Support;
using Mandate.Testing;

namespace Mandate.Server.Tests.WellKnown;

/// <summary>An issuer with a path: metadata at all three well-known locations, endpoints under the path.</summary>
public sealed class IssuerPathTests : IAsyncLifetime
{
    private MandateTestServer server = null!;

    public async Task InitializeAsync()
    {
        server = await MandateTestServer.StartAsync(issuerPath: "/tenant");
        await server.AddUserAsync();
        await server.AddResourceAsync(TestFlow.Resource, "tools.read");
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Theory]
    [InlineData("/.well-known/oauth-authorization-server/tenant")]
    [InlineData("/.well-known/openid-configuration/tenant")]
    [InlineData("/tenant/.well-known/openid-configuration")]
    public async Task Metadata_IsServedAtEveryWellKnownLocation_WithThePathIssuer(string path)
    {
        var response = await OAuthHttp.Client.GetAsync(server.BaseUrl + path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await OAuthHttp.JsonAsync(response);
        Assert.Equal(server.BaseUrl + "/tenant", json.GetProperty("issuer").GetString());
        Assert.Equal(server.BaseUrl + "/tenant/token", json.GetProperty("token_endpoint").GetString());
        Assert.Equal(server.BaseUrl + "/tenant/jwks", json.GetProperty("jwks_uri").GetString());
    }

    [Theory]
    [InlineData("/.well-known/oauth-authorization-server")]
    [InlineData("/.well-known/openid-configuration")]
    [InlineData("/tenant/.well-known/oauth-authorization-server/tenant")]
    public async Task Metadata_IsNotServedWhereAnotherIssuerWouldBeMeant(string path)
    {
        var response = await OAuthHttp.Client.GetAsync(server.BaseUrl + path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Endpoints_AnswerUnderTheIssuerPath_AndTokensCarryThePathIssuer()
    {
        var jwks = await OAuthHttp.Client.GetAsync(server.Issuer + "/jwks");
        Assert.Equal(HttpStatusCode.OK, jwks.StatusCode);

        var client = (await server.AddPublicClientAsync(TestFlow.Redirect)).Client;
        using var browser = new BrowserSession();
        var pkce = PkcePair.Create();
        var response = await browser.AuthorizeAsync(TestFlow.AuthorizeUrl(server.Issuer, client.ClientId, pkce), TestFlow.Redirect, "alice", MandateTestServer.Password);
        var callback = TestFlow.Callback(response);
        Assert.Equal(server.Issuer, callback["iss"]);

        var token = await TestFlow.RedeemAsync(server.Issuer, callback["code"], pkce, client.ClientId);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        var access = (await OAuthHttp.JsonAsync(token)).GetProperty("access_token").GetString();
        var parts = Protocol.Jose.CompactJws.TryParse(access)!;
        Assert.Equal(server.Issuer, parts.GetClaim("iss"));
    }

    [Fact]
    public async Task SignInRedirects_StayUnderTheIssuerPath()
    {
        var client = (await server.AddPublicClientAsync(TestFlow.Redirect)).Client;
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        var response = await http.GetAsync(TestFlow.AuthorizeUrl(server.Issuer, client.ClientId, PkcePair.Create()));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/tenant/login?returnUrl=%2Ftenant%2Fauthorize", location, StringComparison.Ordinal);
    }
}
