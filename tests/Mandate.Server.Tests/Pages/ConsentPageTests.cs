using System.Net;
using Mandate.Core.Resources;
using Mandate.Server.Tests.Support;
using Mandate.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.Tests.Pages;

public sealed class ConsentPageTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Described = "https://calendar.example.com/mcp";

    [Fact]
    public async Task ConsentPage_SaysWhoWhereWhatInWords_WithAllowAndDeny()
    {
        await fixture.Server.Services.GetRequiredService<IResourceStore>().UpsertAsync(new ProtectedResource
        {
            Uri = Described,
            Name = "Team calendar",
            Scopes = ["calendar.read", "events.write"],
            ScopeDescriptions = new Dictionary<string, string> { ["calendar.read"] = "See your meetings" },
        }, CancellationToken.None);
        var client = (await fixture.Server.AddPublicClientAsync("https://agent.example.org/oauth/cb")).Client;
        using var browser = new BrowserSession();
        await BrowserSteps.SignInAsync(browser, fixture.Issuer);

        var url = TestFlow.AuthorizeUrl(fixture.Issuer, client.ClientId, PkcePair.Create(), "calendar.read events.write", Described, "https://agent.example.org/oauth/cb");
        var (page, at) = await BrowserSteps.OpenAsync(browser, url, fixture.Server.BaseUrl);

        Assert.Equal("/consent", at.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Allow <strong>Public test client</strong> to act for you?", html, StringComparison.Ordinal);
        Assert.Contains("<strong>agent.example.org</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<strong>Team calendar</strong>", html, StringComparison.Ordinal);
        Assert.Contains(Described, html, StringComparison.Ordinal);
        Assert.Contains("See your meetings", html, StringComparison.Ordinal);
        Assert.Contains("Create and change: events", html, StringComparison.Ordinal);
        Assert.Contains("name=\"decision\" value=\"allow\" class=\"primary\">Allow</button>", html, StringComparison.Ordinal);
        Assert.Contains("name=\"decision\" value=\"deny\">Deny</button>", html, StringComparison.Ordinal);
        Assert.Contains("Signed in as <strong>alice</strong>", html, StringComparison.Ordinal);
        Assert.True(page.Headers.CacheControl?.NoStore);
        Assert.DoesNotContain("first time anyone here", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientName_IsHtmlEncoded()
    {
        var client = (await fixture.Server.AddClientAsync(new Core.Clients.ClientMetadata
        {
            ClientName = "<script>alert(1)</script>",
            RedirectUris = [TestFlow.Redirect],
            TokenEndpointAuthMethod = "none",
        })).Client;
        using var browser = new BrowserSession();
        await BrowserSteps.SignInAsync(browser, fixture.Issuer);

        var (page, _) = await BrowserSteps.OpenAsync(browser, TestFlow.AuthorizeUrl(fixture.Issuer, client.ClientId, PkcePair.Create()), fixture.Server.BaseUrl);

        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsentPost_WithoutAntiforgeryToken_Is400_AndGrantsNothing()
    {
        var client = await fixture.NewPublicClientAsync();
        using var browser = new BrowserSession();
        await BrowserSteps.SignInAsync(browser, fixture.Issuer);
        var url = TestFlow.AuthorizeUrl(fixture.Issuer, client.ClientId, PkcePair.Create());
        var (_, consentUrl) = await BrowserSteps.OpenAsync(browser, url, fixture.Server.BaseUrl);

        var forged = await browser.Http.PostAsync(consentUrl, new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "allow" }));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var check = await browser.Http.GetAsync(url + "&prompt=none");
        Assert.Equal("consent_required", TestFlow.Callback(check)["error"]);
    }

    [Fact]
    public async Task ConsentPage_WithoutSession_GoesToLogin()
    {
        var client = await fixture.NewPublicClientAsync();
        var consent = TestFlow.AuthorizeUrl(fixture.Issuer, client.ClientId, PkcePair.Create()).Replace("/authorize?", "/consent?", StringComparison.Ordinal);

        var response = await OAuthHttp.Client.GetAsync(consent);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", new Uri(new Uri(fixture.Issuer), response.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task ConsentPage_RevalidatesTheRequest()
    {
        using var browser = new BrowserSession();
        await BrowserSteps.SignInAsync(browser, fixture.Issuer);

        var response = await browser.Http.GetAsync(fixture.Issuer + "/consent?client_id=unknown&redirect_uri=https%3A%2F%2Fevil.example%2F");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }
}
