using System.Net;
using System.Text.Json;
using Mandate.Core.Users;
using Mandate.Server.Tests.Support;
using Mandate.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.Tests.Pages;

/// <summary>The Activity page: a person sees only what was done in their name; an administrator sees everyone's; both export JSON lines.</summary>
public sealed class ActivityPageTests : IAsyncLifetime
{
    private MandateTestServer server = null!;
    private string aliceId = null!;
    private string bobId = null!;
    private string clientId = null!;

    public async Task InitializeAsync()
    {
        server = await MandateTestServer.StartAsync();
        aliceId = (await server.AddUserAsync("alice")).Id;
        bobId = (await server.AddUserAsync("bob")).Id;
        await server.AddResourceAsync(TestFlow.Resource, "tools.read", "tools.call");
        clientId = (await server.AddPublicClientAsync(TestFlow.Redirect)).Client.ClientId;
        foreach (var name in new[] { "alice", "bob" })
        {
            using var browser = new BrowserSession();
            await BrowserSteps.SignInAsync(browser, server.Issuer, name);
            await TestFlow.TokensAsync(server.Issuer, clientId, browser: browser);
        }
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task APerson_SeesTheirOwnEntries_NotSomeoneElses_EvenWhenAskingForThem()
    {
        using var browser = new BrowserSession();
        await BrowserSteps.SignInAsync(browser, server.Issuer, "alice");

        var html = await (await browser.Http.GetAsync(server.Issuer + "/activity?person=bob")).Content.ReadAsStringAsync();

        Assert.Contains("token.issued", html, StringComparison.Ordinal);
        Assert.Contains("consent.given", html, StringComparison.Ordinal);
        Assert.Contains(clientId, html, StringComparison.Ordinal);
        Assert.DoesNotContain(bobId, html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"person\"", html, StringComparison.Ordinal);
        Assert.Contains("/ledger/receipts/", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_IsJsonLines_OfThePersonsEntries_ByteForByteAsInTheLedger()
    {
        using var browser = new BrowserSession();
        await BrowserSteps.SignInAsync(browser, server.Issuer, "alice");

        var response = await browser.Http.GetAsync(server.Issuer + "/activity?handler=export&kind=token.issued");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/jsonl", response.Content.Headers.ContentType!.MediaType);
        var line = Assert.Single(lines);
        using var json = JsonDocument.Parse(line);
        var entry = json.RootElement.GetProperty("entry");
        Assert.Equal(aliceId, entry.GetProperty("sub").GetString());
        Assert.Equal("token.issued", entry.GetProperty("kind").GetString());
        var index = json.RootElement.GetProperty("index").GetInt64();
        var ledger = await EntryOnceCheckpointedAsync(index);
        Assert.Contains(entry.GetRawText(), ledger, StringComparison.Ordinal);
    }

    /// <summary>The entry endpoint answers 404 until a checkpoint covers the index (one is signed every second).</summary>
    private async Task<string> EntryOnceCheckpointedAsync(long index)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var response = await OAuthHttp.Client.GetAsync(server.Issuer + "/ledger/entries/" + index);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return await response.Content.ReadAsStringAsync();
            }

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.True(attempt < 50, "No checkpoint covered the entry.");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task AnAdministrator_SeesEveryone_AndCanNarrowToOnePerson()
    {
        Assert.True(await server.Services.GetRequiredService<IUserStore>().SetAdminAsync("bob", true, CancellationToken.None));
        using var browser = new BrowserSession();
        await BrowserSteps.SignInAsync(browser, server.Issuer, "bob");

        var all = await (await browser.Http.GetAsync(server.Issuer + "/activity")).Content.ReadAsStringAsync();
        var alice = await (await browser.Http.GetAsync(server.Issuer + "/activity?person=alice")).Content.ReadAsStringAsync();

        Assert.Contains(aliceId, all, StringComparison.Ordinal);
        Assert.Contains(bobId, all, StringComparison.Ordinal);
        Assert.Contains("client.registered", all, StringComparison.Ordinal);
        Assert.Contains(aliceId, alice, StringComparison.Ordinal);
        Assert.DoesNotContain(bobId, alice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paging_WalksBackThroughOlderEntries()
    {
        Assert.True(await server.Services.GetRequiredService<IUserStore>().SetAdminAsync("bob", true, CancellationToken.None));
        await server.Services.GetRequiredService<Core.Audit.IAuditSink>().RecordAllAsync(
            Enumerable.Range(0, 60).Select(i => new Core.Audit.AuditEvent { Timestamp = DateTimeOffset.UtcNow, Kind = "test.event", Decision = "allow", Tool = "t" + i }).ToList(),
            CancellationToken.None);
        using var browser = new BrowserSession();
        await BrowserSteps.SignInAsync(browser, server.Issuer, "bob");

        var first = await (await browser.Http.GetAsync(server.Issuer + "/activity?kind=test.event")).Content.ReadAsStringAsync();
        var older = System.Text.RegularExpressions.Regex.Match(first, "href=\"([^\"]*before=[0-9]+[^\"]*)\">Older entries").Groups[1].Value;
        var second = await (await browser.Http.GetAsync(new Uri(new Uri(server.Issuer + "/"), WebUtility.HtmlDecode(older)))).Content.ReadAsStringAsync();

        Assert.Contains(">t59<", first, StringComparison.Ordinal);
        Assert.DoesNotContain(">t9<", first, StringComparison.Ordinal);
        Assert.Contains(">t9<", second, StringComparison.Ordinal);
        Assert.Contains(">t0<", second, StringComparison.Ordinal);
        Assert.DoesNotContain("Older entries", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutSession_GoesToLogin()
    {
        var response = await OAuthHttp.Client.GetAsync(server.Issuer + "/activity?handler=export");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
