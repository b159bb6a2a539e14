using System.Net;
using Mandate.Server.Tests.Support;
using Mandate.Testing;

namespace Mandate.Server.Tests.OAuth.Authorize;

/// <summary>Sign-in, consent and their memory: prompt=none, login and consent; Allow and Deny.</summary>
public sealed class AuthorizePromptTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Consent_IsRemembered_SecondFlowShowsNoPages()
    {
        var client = await fixture.NewPublicClientAsync();
        using var browser = new BrowserSession();

        await TestFlow.GetCodeAsync(browser, TestFlow.AuthorizeUrl(fixture.Issuer, client.ClientId, PkcePair.Create()));
        Assert.Equal(["login", "consent"], browser.PagesSeen);

        var pkce = PkcePair.Create();
        var code = await TestFlow.GetCodeAsync(browser, TestFlow.AuthorizeUrl(fixture.Issuer, client.ClientId, pkce, state: "second"));
        Assert.Empty(browser.PagesSeen);
        Assert.Equal(HttpStatusCode.OK, (await TestFlow.RedeemAsync(fixture.Issuer, code, pkce, client.ClientId)).StatusCode);
    }

    [Fact]
    public async Task WiderScope_AsksForConsentAgain()
    {
        var client = await fixture.NewPublicClientAsync();
        using var browser = new BrowserSession();
        await TestFlow.GetCodeAsync(browser, TestFlow.AuthorizeUrl(fixture.Issuer, client.ClientId, PkcePair.Create(), scope: "tools.read"));

        await TestFlow.GetCodeAsync(browser, TestFlow.AuthorizeUrl(fixture.Issuer, client.ClientId, PkcePair.Create(), scope: "tools.read tools.call"));

        Assert.Equal(["consent"], browser.PagesSeen);
    }

    [Fact]
    public async Task PromptNone_WithoutSession_IsLoginRequired()
    {
        var client = await fixture.NewPublicClientAsync();

        var response = await OAuthHttp.Client.GetAsync(TestFlow.AuthorizeUrl(fixture.Issuer, client.ClientId, PkcePair.Create(), extra: ("prompt", "none")));

        AssertError(response, "login_required");
    }

    [Fact]
    public async Task PromptNone_WithSessionButNoConsent_IsConsentRequired()
    {
        var client = await fixture.NewPublicClientAsync();
        using var browser = new BrowserSession();
        Assert.Equal(HttpStatusCode.Redirect, (await BrowserSteps.SignInAsync(browser, fixture.Issuer)).StatusCode);

        var response = await browser.Http.GetAsync(TestFlow.AuthorizeUrl(fixture.Issuer, client.ClientId, PkcePair.Create(), extra: ("prompt", "none")));

        AssertError(response, "consent_required");
    }

    [Fact]
    public async Task PromptNone_WithSessionAndConsent_AnswersWithCode()
    {
        var client = await fixture.NewPublicClientAsync();
        using var browser = new BrowserSession();
        await TestFlow.GetCodeAsync(browser, TestFlow.AuthorizeUrl(fixture.Issuer, client.ClientId, PkcePair.Create()));
        var pkce = PkcePair.Create();

        var response = await browser.Http.GetAsync(TestFlow.AuthorizeUrl(fixture.Issuer, client.ClientId, pkce, extra: ("prompt", "none")));

        var callback = TestFlow.Callback(response);
        Assert.Equal(fixture.Issuer, callback["iss"]);
        Assert.Equal("st-1", callback["state"]);
        Assert.Equal(HttpStatusCode.OK, (await TestFlow.RedeemAsync(fixture.Issuer, callback["code"], pkce, client.ClientId)).StatusCode);
    }

    [Fact]
    public async Task PromptLogin_ShowsLoginAgain_ButNotConsent()
    {
        var client = await fixture.NewPublicClientAsync();
        using var browser = new BrowserSession();
        await TestFlow.GetCodeAsync(browser, TestFlow.AuthorizeUrl(fixture.Issuer, client.ClientId, PkcePair.Create()));

        var code = await TestFlow.GetCodeAsync(browser, TestFlow.AuthorizeUrl(fixture.Issuer, client.ClientId, PkcePair.Create(), extra: ("prompt", "login")));

        Assert.Equal(["login"], browser.PagesSeen);
        Assert.NotEmpty(code);
    }

    [Fact]
    public async Task PromptConsent_ShowsConsentAgain_ButNotLogin()
    {
        var client = await fixture.NewPublicClientAsync();
        using var browser = new BrowserSession();
        await TestFlow.GetCodeAsync(browser, TestFlow.AuthorizeUrl(fixture.Issuer, client.ClientId, PkcePair.Create()));

        await TestFlow.GetCodeAsync(browser, TestFlow.AuthorizeUrl(fixture.Issuer, client.ClientId, PkcePair.Create(), extra: ("prompt", "consent")));

        Assert.Equal(["consent"], browser.PagesSeen);
    }

    [Fact]
    public async Task Deny_RedirectsAccessDenied_AndRemembersNothing()
    {
        var client = await fixture.NewPublicClientAsync();
        using var browser = new BrowserSession();

        var response = await browser.AuthorizeAsync(TestFlow.AuthorizeUrl(fixture.Issuer, client.ClientId, PkcePair.Create()), TestFlow.Redirect, "alice", MandateTestServer.Password, "deny");

        AssertError(response, "access_denied");
        var again = await browser.Http.GetAsync(TestFlow.AuthorizeUrl(fixture.Issuer, client.ClientId, PkcePair.Create(), extra: ("prompt", "none")));
        AssertError(again, "consent_required");
    }

    private void AssertError(HttpResponseMessage response, string error)
    {
        var callback = TestFlow.Callback(response);
        Assert.StartsWith(TestFlow.Redirect + "?", response.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(error, callback["error"]);
        Assert.Equal(fixture.Issuer, callback["iss"]);
        Assert.Equal("st-1", callback["state"]);
        Assert.False(callback.ContainsKey("code"));
    }
}
