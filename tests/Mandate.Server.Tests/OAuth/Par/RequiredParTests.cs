using System.Net;
using System.Text.Json;
using Mandate.Server.Tests.Support;
using Mandate.Testing;

namespace Mandate.Server.Tests.OAuth.Par;

/// <summary>Security:RequirePushedAuthorizationRequests, and request_uris that expire.</summary>
public sealed class RequiredParTests(StrictParServerFixture fixture) : IClassFixture<StrictParServerFixture>
{
    [Fact]
    public async Task Authorize_WithoutRequestUri_IsInvalidRequest_AndMetadataSaysSo()
    {
        var client = await fixture.NewPublicClientAsync();
        using var browser = new BrowserSession();

        var response = await browser.AuthorizeAsync(TestFlow.AuthorizeUrl(fixture.Issuer, client.ClientId, PkcePair.Create()), TestFlow.Redirect, "alice", MandateTestServer.Password);
        var metadata = JsonDocument.Parse(await OAuthHttp.Client.GetStringAsync(fixture.Issuer + "/.well-known/oauth-authorization-server")).RootElement;

        Assert.Equal("invalid_request", TestFlow.Callback(response)["error"]);
        Assert.True(metadata.GetProperty("require_pushed_authorization_requests").GetBoolean());
    }

    [Fact]
    public async Task ExpiredRequestUri_IsRefused()
    {
        var client = await fixture.NewPublicClientAsync();
        var requestUri = await ParHttp.RequestUriAsync(fixture.Issuer, client.ClientId, null, ParHttp.Request(client.ClientId, PkcePair.Create()));
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        using var browser = new BrowserSession();

        var response = await browser.AuthorizeAsync(ParHttp.AuthorizeUrl(fixture.Issuer, client.ClientId, requestUri), TestFlow.Redirect, "alice", MandateTestServer.Password);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid_request_uri", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PushedRequest_OutlivesItsLifetime_WhileThePersonSignsIn_ButIsUsedUp()
    {
        var client = await fixture.NewPublicClientAsync();
        var pkce = PkcePair.Create();
        var requestUri = await ParHttp.RequestUriAsync(fixture.Issuer, client.ClientId, null, ParHttp.Request(client.ClientId, pkce));
        using var browser = new BrowserSession();
        var authorize = ParHttp.AuthorizeUrl(fixture.Issuer, client.ClientId, requestUri);

        var (login, at) = await BrowserSteps.OpenAsync(browser, authorize, fixture.Server.BaseUrl);
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var code = await TestFlow.GetCodeAsync(browser, at.AbsoluteUri);
        var again = await browser.AuthorizeAsync(authorize, TestFlow.Redirect, "alice", MandateTestServer.Password);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.EndsWith("/login", at.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await TestFlow.RedeemAsync(fixture.Issuer, code, pkce, client.ClientId)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }
}
