using System.Net;
using System.Text.RegularExpressions;
using Mandate.Core.Audit;
using Mandate.Core.Vault;
using Mandate.Core.Vault.Broker;
using Mandate.Core.Vault.Connectors;
using Mandate.Server.Tests.Support;
using Mandate.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.Tests.Pages;

/// <summary>The Connections page: API keys pasted and removed, and the connect callback's state and iss checks.</summary>
public sealed partial class ConnectionsPageTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string ProviderIssuer = "https://provider.example";

    [Fact]
    public async Task WithoutSession_GoesToLogin()
    {
        var response = await OAuthHttp.Client.GetAsync(fixture.Issuer + "/connections");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", new Uri(new Uri(fixture.Issuer), response.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task ApiKey_PastedOnThePage_IsUsable_NeverShown_AndDisconnectRemovesIt()
    {
        await AddConnectorAsync(new Connector { Name = "weather", Kind = ConnectorKind.ApiKey });
        using var browser = await SignedInAsync("alice");

        var saved = await PressAsync(browser, "ApiKey", "weather", ("apiKey", "wk-secret-abcdef"));
        var html = await saved.Content.ReadAsStringAsync();

        Assert.Contains("Saved your key for weather.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("wk-secret-abcdef", html, StringComparison.Ordinal);
        var broker = fixture.Server.Services.GetRequiredService<ICredentialBroker>();
        Assert.Equal("wk-secret-abcdef", (await broker.GetAsync(fixture.UserId, "weather", CancellationToken.None)).Credential!.Value);

        var removed = await PressAsync(browser, "Disconnect", "weather");
        Assert.Contains("Disconnected weather.", await removed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(CredentialStatus.NotConnected, (await broker.GetAsync(fixture.UserId, "weather", CancellationToken.None)).Status);
    }

    [Fact]
    public async Task Connect_RedirectsToTheProvider_WithPkceS256AndState_AndTheCallbackOnlyWorksForTheSamePersonOnce()
    {
        await AddConnectorAsync(OAuthConnector("calendar", issParameterSupported: false));
        using var alice = await SignedInAsync("alice");
        await fixture.Server.AddUserAsync("mallory");
        using var mallory = await SignedInAsync("mallory");

        var started = await PressAsync(alice, "Connect", "calendar");
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var authorize = started.Headers.Location!;
        var query = QueryParameters.Of(authorize);
        Assert.StartsWith(ProviderIssuer + "/authorize?", authorize.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal(43, query["code_challenge"].Length);
        Assert.Equal(fixture.Issuer + "/connections/callback", query["redirect_uri"]);
        Assert.Equal("cal.read", query["scope"]);
        Assert.Equal("offline", query["access_type"]);

        // Another person's session cannot complete alice's flow, and the attempt uses the state up.
        var stolen = await mallory.Http.GetAsync(fixture.Issuer + "/connections/callback?code=abc&state=" + Uri.EscapeDataString(query["state"]));
        Assert.Contains("started in another session", await stolen.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var late = await alice.Http.GetAsync(fixture.Issuer + "/connections/callback?code=abc&state=" + Uri.EscapeDataString(query["state"]));
        Assert.Contains("expired or was already used", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "https://attacker.example")]
    [InlineData(true, null)]
    public async Task Callback_WithAWrongOrMissingIss_IsRefusedBeforeAnyTokenRequest(bool issParameterSupported, string? iss)
    {
        var name = issParameterSupported ? "mix-up-missing" : "mix-up-wrong";
        await AddConnectorAsync(OAuthConnector(name, issParameterSupported));
        using var alice = await SignedInAsync("alice");
        var state = QueryParameters.Of((await PressAsync(alice, "Connect", name)).Headers.Location!)["state"];

        var callback = fixture.Issuer + "/connections/callback?code=abc&state=" + Uri.EscapeDataString(state) + (iss is null ? "" : "&iss=" + Uri.EscapeDataString(iss));
        var response = await alice.Http.GetAsync(callback);

        Assert.Contains("RFC 9207", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var events = await fixture.Server.Services.GetRequiredService<IAuditReader>().SearchAsync(new AuditQuery { Kind = VaultAudit.ConnectKind, Decision = "deny" }, CancellationToken.None);
        Assert.Contains(events, e => e.Event.Resource == "connector:" + name && e.Event.Reason == (iss is null ? "iss missing" : "iss mismatch"));
    }

    private static Connector OAuthConnector(string name, bool issParameterSupported) => new()
    {
        Name = name,
        Kind = ConnectorKind.OAuth,
        Issuer = ProviderIssuer,
        AuthorizationEndpoint = ProviderIssuer + "/authorize",
        TokenEndpoint = ProviderIssuer + "/token",
        IssParameterSupported = issParameterSupported,
        ClientId = "mandate",
        Scopes = ["cal.read"],
        ExtraParameters = new Dictionary<string, string> { ["access_type"] = "offline" },
    };

    private Task AddConnectorAsync(Connector connector) =>
        fixture.Server.Services.GetRequiredService<IConnectorStore>().UpsertAsync(connector, CancellationToken.None);

    private async Task<BrowserSession> SignedInAsync(string username)
    {
        var browser = new BrowserSession();
        var posted = await BrowserSteps.SignInAsync(browser, fixture.Issuer, username);
        Assert.True(BrowserSession.IsRedirect(posted));
        return browser;
    }

    private async Task<HttpResponseMessage> PressAsync(BrowserSession browser, string handler, string connector, params (string Name, string Value)[] extra)
    {
        var page = await browser.Http.GetAsync(fixture.Issuer + "/connections");
        var token = AntiforgeryToken().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["connector"] = connector };
        foreach (var (name, value) in extra)
        {
            fields[name] = value;
        }

        return await browser.Http.PostAsync(fixture.Issuer + "/connections?handler=" + handler, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
