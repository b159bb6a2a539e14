using System.Net;
using Mandate.Server.Tests.Support;
using Mandate.Testing;

namespace Mandate.Server.Tests.Pages;

/// <summary>The person's list of connected apps; Remove withdraws the consent and ends the refresh tokens.</summary>
public sealed class ConnectedAppsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Remove_WithdrawsConsent_AndTheRefreshTokenStopsWorking()
    {
        var client = (await fixture.Server.AddClientAsync(new Core.Clients.ClientMetadata
        {
            ClientName = "Calendar Agent",
            RedirectUris = [TestFlow.Redirect],
            GrantTypes = ["authorization_code", "refresh_token"],
            TokenEndpointAuthMethod = "none",
        })).Client;
        using var browser = new BrowserSession();
        var refresh = (await TestFlow.TokensAsync(fixture.Issuer, client.ClientId, browser: browser)).GetProperty("refresh_token").GetString()!;

        var list = await browser.Http.GetAsync(fixture.Issuer + "/connected-apps");
        var html = await list.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains("Calendar Agent", html, StringComparison.Ordinal);
        Assert.Contains(TestFlow.Resource, html, StringComparison.Ordinal);
        Assert.Contains(">Remove</button>", html, StringComparison.Ordinal);

        var removed = await BrowserSteps.SubmitAsync(browser, new Uri(fixture.Issuer + "/connected-apps"), html, ("clientId", client.ClientId));

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        var after = await removed.Content.ReadAsStringAsync();
        Assert.Contains("The application was removed.", after, StringComparison.Ordinal);
        Assert.Contains("No applications are connected.", after, StringComparison.Ordinal);
        Assert.Equal("invalid_grant", await OAuthHttp.ErrorAsync(await OAuthHttp.RefreshAsync(fixture.Issuer, refresh, client.ClientId)));
        var again = await browser.Http.GetAsync(TestFlow.AuthorizeUrl(fixture.Issuer, client.ClientId, PkcePair.Create(), extra: ("prompt", "none")));
        Assert.Equal("consent_required", TestFlow.Callback(again)["error"]);
    }

    [Fact]
    public async Task WithoutSession_GoesToLogin()
    {
        var response = await OAuthHttp.Client.GetAsync(fixture.Issuer + "/connected-apps");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", new Uri(new Uri(fixture.Issuer), response.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        using var browser = new BrowserSession();
        await BrowserSteps.SignInAsync(browser, fixture.Issuer);
        var page = await browser.Http.GetAsync(fixture.Issuer + "/connected-apps");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("No applications are connected.", html, StringComparison.Ordinal);

        var signedOut = await BrowserSteps.SubmitAsync(browser, new Uri(fixture.Issuer + "/connected-apps"), html);

        Assert.Equal("/login", signedOut.Headers.Location?.OriginalString);
        var after = await browser.Http.GetAsync(fixture.Issuer + "/connected-apps");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }
}
