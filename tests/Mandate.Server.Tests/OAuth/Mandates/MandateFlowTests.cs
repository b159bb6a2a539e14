using System.Net;
using System.Text.Json;
using Mandate.Protocol.Jose;
using Mandate.Server.Tests.Support;
using Mandate.Testing;

namespace Mandate.Server.Tests.OAuth.Mandates;

/// <summary>A mandate through /authorize, the consent page and /token, and where it shows up afterwards.</summary>
public sealed class MandateFlowTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task ConsentPage_ShowsTheMandateInPlainWords()
    {
        var client = await fixture.NewPublicClientAsync();
        using var browser = new BrowserSession();
        await BrowserSteps.SignInAsync(browser, fixture.Server.BaseUrl);
        var url = TestFlow.AuthorizeUrl(fixture.Issuer, client.ClientId, PkcePair.Create(), extra: ("authorization_details", MandateRequests.Details()));

        var (page, at) = await BrowserSteps.OpenAsync(browser, url, fixture.Server.BaseUrl);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());

        Assert.EndsWith("/consent", at.AbsolutePath, StringComparison.Ordinal);
        Assert.Contains("For one task only", html, StringComparison.Ordinal);
        Assert.Contains("file the bug report from this chat", html, StringComparison.Ordinal);
        Assert.Contains("<code>create_issue</code>, at most 3 times", html, StringComparison.Ordinal);
        Assert.Contains("repo must be exactly \"acme/web\"", html, StringComparison.Ordinal);
        Assert.Contains("title is a string, has at most 80 characters", html, StringComparison.Ordinal);
        Assert.Contains("required: repo, title", html, StringComparison.Ordinal);
        Assert.Contains("UTC (in 60 minutes)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GrantedMandate_IsInTheToken_TheTokenResponse_AndIntrospection()
    {
        var (client, secret) = await fixture.NewConfidentialClientAsync();
        var details = MandateRequests.Details();

        var body = await TokensWithMandateAsync(client.ClientId, secret, details, scope: null);

        var fromResponse = body.GetProperty("authorization_details");
        var claims = CompactJws.TryParse(body.GetProperty("access_token").GetString())!.Payload;
        var introspected = await OAuthHttp.IntrospectAsync(fixture.Issuer, body.GetProperty("access_token").GetString()!, fixture.Confidential.ClientId, fixture.ConfidentialSecret);
        foreach (var carried in new[] { fromResponse, claims.GetProperty("authorization_details"), introspected.GetProperty("authorization_details") })
        {
            Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(details).RootElement, carried), carried.ToString());
        }

        Assert.False(body.TryGetProperty("scope", out _));
        Assert.True(claims.GetProperty("exp").GetInt64() <= MandateRequests.InAnHour);
    }

    [Fact]
    public async Task Refresh_KeepsTheMandate_AndRefusesAnother()
    {
        var (client, secret) = await fixture.NewConfidentialClientAsync();
        var body = await TokensWithMandateAsync(client.ClientId, secret, MandateRequests.Details());
        var refreshToken = body.GetProperty("refresh_token").GetString()!;

        var other = await OAuthHttp.TokenAsync(fixture.Issuer, OAuthHttp.Basic(client.ClientId, secret),
            ("grant_type", "refresh_token"), ("refresh_token", refreshToken), ("authorization_details", MandateRequests.Details(tools: """{"name":"delete_repo"}""")));
        var same = await OAuthHttp.RefreshAsync(fixture.Issuer, refreshToken, client.ClientId, secret);

        Assert.Equal("invalid_authorization_details", await OAuthHttp.ErrorAsync(other));
        var refreshed = await OAuthHttp.JsonAsync(same);
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal("create_issue", refreshed.GetProperty("authorization_details")[0].GetProperty("tools")[0].GetProperty("name").GetString());
        var claims = CompactJws.TryParse(refreshed.GetProperty("access_token").GetString())!.Payload;
        Assert.True(claims.TryGetProperty("authorization_details", out _));
    }

    [Fact]
    public async Task AMandate_IsNeverRemembered()
    {
        var client = await fixture.NewPublicClientAsync();
        using var browser = new BrowserSession();
        var first = TestFlow.AuthorizeUrl(fixture.Issuer, client.ClientId, PkcePair.Create(), extra: ("authorization_details", MandateRequests.Details()));
        await TestFlow.GetCodeAsync(browser, first);

        var again = await browser.AuthorizeAsync(first, TestFlow.Redirect, "alice", MandateTestServer.Password);
        var pagesSeen = browser.PagesSeen.ToList();
        var silent = await browser.AuthorizeAsync(first + "&prompt=none", TestFlow.Redirect, "alice", MandateTestServer.Password);

        Assert.Equal(["consent"], pagesSeen);
        Assert.Equal("consent_required", TestFlow.Callback(silent)["error"]);
        Assert.True(TestFlow.Callback(again).ContainsKey("code"));
    }

    private async Task<JsonElement> TokensWithMandateAsync(string clientId, string secret, string details, string? scope = "tools.read")
    {
        using var browser = new BrowserSession();
        var pkce = PkcePair.Create();
        var code = await TestFlow.GetCodeAsync(browser, TestFlow.AuthorizeUrl(fixture.Issuer, clientId, pkce, scope, extra: ("authorization_details", details)));
        var response = await TestFlow.RedeemAsync(fixture.Issuer, code, pkce, clientId, secret);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await OAuthHttp.JsonAsync(response);
    }
}
