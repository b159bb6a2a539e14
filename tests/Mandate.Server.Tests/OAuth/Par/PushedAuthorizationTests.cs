using System.Net;
using Mandate.Core.Clients;
using Mandate.Server.Tests.OAuth.Mandates;
using Mandate.Server.Tests.Support;
using Mandate.Testing;

namespace Mandate.Server.Tests.OAuth.Par;

/// <summary>RFC 9126 at POST /par and at /authorize with a request_uri.</summary>
public sealed class PushedAuthorizationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Push_AConfidentialClient_Gets201WithASingleUseRequestUri()
    {
        var (client, secret) = await fixture.NewConfidentialClientAsync();

        var response = await ParHttp.PushAsync(fixture.Issuer, client.ClientId, secret, ParHttp.Request(client.ClientId, PkcePair.Create()));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = await OAuthHttp.JsonAsync(response);
        Assert.StartsWith("urn:ietf:params:oauth:request_uri:", body.GetProperty("request_uri").GetString(), StringComparison.Ordinal);
        Assert.Equal(60, body.GetProperty("expires_in").GetInt32());
    }

    [Fact]
    public async Task PushedMandateFlow_PublicClient_CodeTokenAndClaim_ThenTheRequestUriIsUsedUp()
    {
        var client = await fixture.NewPublicClientAsync();
        var pkce = PkcePair.Create();
        var requestUri = await ParHttp.RequestUriAsync(fixture.Issuer, client.ClientId, null,
            ParHttp.Request(client.ClientId, pkce, ("authorization_details", MandateRequests.Details())));
        using var browser = new BrowserSession();
        var url = ParHttp.AuthorizeUrl(fixture.Issuer, client.ClientId, requestUri);

        var code = await TestFlow.GetCodeAsync(browser, url);
        var pagesSeen = browser.PagesSeen.ToList();
        var tokens = await OAuthHttp.JsonAsync(await TestFlow.RedeemAsync(fixture.Issuer, code, pkce, client.ClientId));
        var replay = await browser.AuthorizeAsync(url, TestFlow.Redirect, "alice", MandateTestServer.Password);

        Assert.Equal(["login", "consent"], pagesSeen);
        Assert.Equal("create_issue", ParHttp.Claims(tokens).GetProperty("authorization_details")[0].GetProperty("tools")[0].GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Contains("invalid_request_uri", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PushedParametersWin_OverThoseSentToAuthorize()
    {
        var (client, secret) = await fixture.NewConfidentialClientAsync();
        var pkce = PkcePair.Create();
        var requestUri = await ParHttp.RequestUriAsync(fixture.Issuer, client.ClientId, secret, ParHttp.Request(client.ClientId, pkce));
        using var browser = new BrowserSession();

        var url = ParHttp.AuthorizeUrl(fixture.Issuer, client.ClientId, requestUri,
            ("state", "from-the-url"), ("scope", "tools.call"), ("redirect_uri", "http://127.0.0.1:9/elsewhere"), ("code_challenge", PkcePair.Create().Challenge));
        var response = await browser.AuthorizeAsync(url, TestFlow.Redirect, "alice", MandateTestServer.Password);

        var callback = TestFlow.Callback(response);
        Assert.StartsWith(TestFlow.Redirect + "?", response.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal("pushed", callback["state"]);
        var tokens = await OAuthHttp.JsonAsync(await TestFlow.RedeemAsync(fixture.Issuer, callback["code"], pkce, client.ClientId, secret));
        Assert.Equal("tools.read", tokens.GetProperty("scope").GetString());
    }

    [Fact]
    public async Task RequestUri_OfAnotherClient_IsRefused()
    {
        var (owner, secret) = await fixture.NewConfidentialClientAsync();
        var other = await fixture.NewPublicClientAsync();
        var requestUri = await ParHttp.RequestUriAsync(fixture.Issuer, owner.ClientId, secret, ParHttp.Request(owner.ClientId, PkcePair.Create()));
        using var browser = new BrowserSession();

        var response = await browser.AuthorizeAsync(ParHttp.AuthorizeUrl(fixture.Issuer, other.ClientId, requestUri), TestFlow.Redirect, "alice", MandateTestServer.Password);
        var unknown = await browser.AuthorizeAsync(ParHttp.AuthorizeUrl(fixture.Issuer, owner.ClientId, "urn:ietf:params:oauth:request_uri:nope"), TestFlow.Redirect, "alice", MandateTestServer.Password);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid_request_uri", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Theory]
    [InlineData("request_uri", "urn:ietf:params:oauth:request_uri:abc", "invalid_request")]
    [InlineData("redirect_uri", "https://attacker.example/cb", "invalid_request")]
    [InlineData("code_challenge_method", "plain", "invalid_request")]
    [InlineData("resource", "https://unknown.example/mcp", "invalid_target")]
    [InlineData("authorization_details", "[{\"type\":\"other\"}]", "invalid_authorization_details")]
    [InlineData("client_id", "someone-else", "invalid_request")]
    public async Task Push_InvalidRequest_IsRefusedAtOnce(string name, string value, string error)
    {
        var (client, secret) = await fixture.NewConfidentialClientAsync();
        var fields = ParHttp.Request(client.ClientId, PkcePair.Create()).Where(f => f.Name != name).Append((name, value));

        var response = await ParHttp.PushAsync(fixture.Issuer, client.ClientId, secret, fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(error, await OAuthHttp.ErrorAsync(response));
    }

    [Fact]
    public async Task AClientRegisteredToRequirePar_MustPush()
    {
        var (client, _) = await fixture.Server.AddClientAsync(new ClientMetadata
        {
            ClientName = "PAR only",
            RedirectUris = [TestFlow.Redirect],
            TokenEndpointAuthMethod = TokenEndpointAuthMethods.None,
            RequirePushedAuthorizationRequests = true,
        });
        var pkce = PkcePair.Create();
        using var browser = new BrowserSession();

        var direct = await browser.AuthorizeAsync(TestFlow.AuthorizeUrl(fixture.Issuer, client.ClientId, pkce), TestFlow.Redirect, "alice", MandateTestServer.Password);
        var requestUri = await ParHttp.RequestUriAsync(fixture.Issuer, client.ClientId, null, ParHttp.Request(client.ClientId, pkce));
        var pushed = await browser.AuthorizeAsync(ParHttp.AuthorizeUrl(fixture.Issuer, client.ClientId, requestUri), TestFlow.Redirect, "alice", MandateTestServer.Password);

        Assert.Equal("invalid_request", TestFlow.Callback(direct)["error"]);
        Assert.True(TestFlow.Callback(pushed).ContainsKey("code"));
    }

    [Fact]
    public async Task Push_WithoutClientAuthentication_IsInvalidClient_AndGetIsNotAllowed()
    {
        var (client, _) = await fixture.NewConfidentialClientAsync();

        var unauthenticated = await ParHttp.PushAsync(fixture.Issuer, client.ClientId, "wrong-secret", ParHttp.Request(client.ClientId, PkcePair.Create()));
        var get = await OAuthHttp.Client.GetAsync(fixture.Issuer + "/par");

        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.Equal("invalid_client", await OAuthHttp.ErrorAsync(unauthenticated));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
    }
}
