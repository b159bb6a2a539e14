using System.Net;
using Mandate.Core.Approvals;
using Mandate.Server.Tests.OAuth.Ciba;
using Mandate.Server.Tests.OAuth.Mandates;
using Mandate.Server.Tests.Support;
using Mandate.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.Tests.Pages;

/// <summary>The Approvals page: the person sees their pending requests in words and decides them (POST, antiforgery, own requests only).</summary>
public sealed class ApprovalsPageTests(CibaFixture fixture) : IClassFixture<CibaFixture>
{
    [Fact]
    public async Task Approve_OnThePage_TheWaitingClientGetsItsTokens()
    {
        var (client, secret) = await fixture.NewCibaClientAsync();
        var authReqId = await CibaHttp.AuthReqIdAsync(fixture.Issuer, client.ClientId, secret, ("binding_message", "BLUE-42"), ("authorization_details", MandateRequests.Details()));
        var id = (await CibaHttp.PendingAsync(fixture.Server.Services, client.ClientId)).Id;
        using var browser = new BrowserSession();
        await BrowserSteps.SignInAsync(browser, fixture.Issuer);

        var page = await browser.Http.GetAsync(fixture.Issuer + "/approvals");
        var html = await page.Content.ReadAsStringAsync();
        var answer = await PostAsync(browser, html, "Approve", id);
        var tokens = await CibaHttp.PollAsync(fixture.Issuer, client.ClientId, secret, authReqId);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Agent on another device wants to act for you", html, StringComparison.Ordinal);
        Assert.Contains("BLUE-42", html, StringComparison.Ordinal);
        Assert.Contains("file the bug report from this chat", html, StringComparison.Ordinal);
        Assert.Contains("at most 3 times", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/approvals\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("Approved.", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, tokens.StatusCode);
        var decided = await fixture.Server.Services.GetRequiredService<ApprovalService>().FindAsync(id, CancellationToken.None);
        Assert.Equal("console:alice", decided!.DecidedBy);
    }

    [Fact]
    public async Task Deny_OnThePage_AccessDenied()
    {
        var (client, secret) = await fixture.NewCibaClientAsync();
        var authReqId = await CibaHttp.AuthReqIdAsync(fixture.Issuer, client.ClientId, secret);
        var id = (await CibaHttp.PendingAsync(fixture.Server.Services, client.ClientId)).Id;
        using var browser = new BrowserSession();
        await BrowserSteps.SignInAsync(browser, fixture.Issuer);
        var html = await (await browser.Http.GetAsync(fixture.Issuer + "/approvals")).Content.ReadAsStringAsync();

        await PostAsync(browser, html, "Deny", id);

        Assert.Equal("access_denied", await OAuthHttp.ErrorAsync(await CibaHttp.PollAsync(fixture.Issuer, client.ClientId, secret, authReqId)));
    }

    [Fact]
    public async Task AnotherPerson_NeitherSeesNorDecides()
    {
        await fixture.Server.AddUserAsync("mallory");
        var (client, secret) = await fixture.NewCibaClientAsync();
        await CibaHttp.AuthReqIdAsync(fixture.Issuer, client.ClientId, secret, ("binding_message", "ALICE-ONLY"));
        var id = (await CibaHttp.PendingAsync(fixture.Server.Services, client.ClientId)).Id;
        using var browser = new BrowserSession();
        await BrowserSteps.SignInAsync(browser, fixture.Issuer, "mallory");
        var html = await (await browser.Http.GetAsync(fixture.Issuer + "/approvals")).Content.ReadAsStringAsync();

        var answer = await PostAsync(browser, html, "Approve", id, withToken: true);

        Assert.DoesNotContain("ALICE-ONLY", html, StringComparison.Ordinal);
        Assert.Contains("no longer waiting for you", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(ApprovalStatus.Pending, (await fixture.Server.Services.GetRequiredService<ApprovalService>().FindAsync(id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRefused()
    {
        var (client, secret) = await fixture.NewCibaClientAsync();
        await CibaHttp.AuthReqIdAsync(fixture.Issuer, client.ClientId, secret);
        var id = (await CibaHttp.PendingAsync(fixture.Server.Services, client.ClientId)).Id;
        using var browser = new BrowserSession();
        await BrowserSteps.SignInAsync(browser, fixture.Issuer);

        var answer = await browser.Http.PostAsync(fixture.Issuer + "/approvals?handler=Approve", new FormUrlEncodedContent([new("id", id)]));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal(ApprovalStatus.Pending, (await fixture.Server.Services.GetRequiredService<ApprovalService>().FindAsync(id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task WithoutSession_GoesToLogin()
    {
        var response = await OAuthHttp.Client.GetAsync(fixture.Issuer + "/approvals");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", new Uri(new Uri(fixture.Issuer), response.Headers.Location!).AbsolutePath);
    }

    /// <summary>Posts the page's antiforgery token with the request id to a handler, as the Approve/Deny buttons do.</summary>
    private async Task<HttpResponseMessage> PostAsync(BrowserSession browser, string html, string handler, string id, bool withToken = true)
    {
        var token = HtmlForm.Parse(html)?.Fields.GetValueOrDefault("__RequestVerificationToken")
            ?? AntiforgeryToken(html);
        var fields = new Dictionary<string, string> { ["id"] = id };
        if (withToken && token is not null)
        {
            fields["__RequestVerificationToken"] = token;
        }

        return await browser.Http.PostAsync(fixture.Issuer + "/approvals?handler=" + handler, new FormUrlEncodedContent(fields));
    }

    private static string? AntiforgeryToken(string html)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"(?<v>[^\"]+)\"");
        return match.Success ? match.Groups["v"].Value : null;
    }
}
