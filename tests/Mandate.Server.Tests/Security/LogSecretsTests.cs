using System.Net;
using System.Net.Http.Json;
using Mandate.Core.Audit;
using Mandate.Server.Tests.Support;
using Mandate.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mandate.Server.Tests.Security;

/// <summary>
/// Nothing that grants access (passwords, secrets, codes, verifiers, tokens, cookies) is ever written to the log or the
/// audit ledger, while every decision of the flows is in the ledger with the caller's address.
/// </summary>
public sealed class LogSecretsTests
{
    private const string WrongPassword = "Tr0ub4dor&3-not-alices";

    [Fact]
    public async Task FullFlowsAndFailures_LeaveNoSecretInTheLogOrTheLedger()
    {
        var capture = new LogCapture();
        await using var server = await MandateTestServer.StartAsync(configureServices: s => s.AddSingleton<ILoggerProvider>(capture));
        await server.AddUserAsync();
        await server.AddResourceAsync(TestFlow.Resource, "tools.read", "tools.call");
        var client = (await server.AddPublicClientAsync(TestFlow.Redirect)).Client;
        var (confidential, secret) = await server.AddConfidentialClientAsync(TestFlow.Redirect, "tools.read");
        var secrets = new List<string> { MandateTestServer.Password, WrongPassword, secret! };

        using (var failing = new BrowserSession())
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await BrowserSteps.SignInAsync(failing, server.Issuer, "alice", WrongPassword)).StatusCode);
        }

        using var browser = new BrowserSession();
        var pkce = PkcePair.Create();
        var code = await TestFlow.GetCodeAsync(browser, TestFlow.AuthorizeUrl(server.Issuer, client.ClientId, pkce));
        secrets.AddRange([code, pkce.Verifier]);
        secrets.AddRange(browser.Cookies.GetAllCookies().Select(c => c.Value));
        var tokens = await OAuthHttp.JsonAsync(await TestFlow.RedeemAsync(server.Issuer, code, pkce, client.ClientId));
        var access = tokens.GetProperty("access_token").GetString()!;
        var refresh = tokens.GetProperty("refresh_token").GetString()!;
        secrets.AddRange([access, access.Split('.')[2], refresh]);

        var rotated = (await OAuthHttp.JsonAsync(await OAuthHttp.RefreshAsync(server.Issuer, refresh, client.ClientId))).GetProperty("refresh_token").GetString()!;
        var latest = (await OAuthHttp.JsonAsync(await OAuthHttp.RefreshAsync(server.Issuer, rotated, client.ClientId))).GetProperty("refresh_token").GetString()!;
        secrets.AddRange([rotated, latest]);
        await OAuthHttp.RefreshAsync(server.Issuer, refresh, client.ClientId);
        await TestFlow.RedeemAsync(server.Issuer, code, pkce, client.ClientId);

        var cc = await OAuthHttp.JsonAsync(await OAuthHttp.TokenAsync(server.Issuer, OAuthHttp.Basic(confidential.ClientId, secret!), ("grant_type", "client_credentials"), ("resource", TestFlow.Resource)));
        secrets.Add(cc.GetProperty("access_token").GetString()!);
        await OAuthHttp.IntrospectAsync(server.Issuer, access, confidential.ClientId, secret!);
        await OAuthHttp.PostFormAsync(server.Issuer + "/revoke", [("token", access)], OAuthHttp.Basic(confidential.ClientId, secret!));
        await OAuthHttp.TokenAsync(server.Issuer, OAuthHttp.Basic(confidential.ClientId, secret + "x"), ("grant_type", "client_credentials"), ("resource", TestFlow.Resource));
        var registered = await OAuthHttp.JsonAsync(await OAuthHttp.Client.PostAsJsonAsync(server.Issuer + "/register", new { redirect_uris = new[] { TestFlow.Redirect } }));
        secrets.Add(registered.GetProperty("client_secret").GetString()!);

        var log = string.Join('\n', capture.Lines);
        Assert.Contains("signed in", log, StringComparison.Ordinal);
        Assert.Contains("Failed sign-in", log, StringComparison.Ordinal);
        Assert.Contains("reuse detected", log, StringComparison.Ordinal);
        Assert.Contains("Authorization code replayed", log, StringComparison.Ordinal);
        var entries = await server.Services.GetRequiredService<IAuditReader>().SearchAsync(new AuditQuery { Limit = 10_000 }, CancellationToken.None);
        var ledger = string.Join('\n', entries.Select(e => System.Text.Encoding.UTF8.GetString(e.Entry)));
        foreach (var value in secrets.Where(s => s.Length >= 8))
        {
            Assert.False(log.Contains(value, StringComparison.Ordinal), $"The log contains a secret value ({value[..4]}...).");
            Assert.False(ledger.Contains(value, StringComparison.Ordinal), $"The ledger contains a secret value ({value[..4]}...).");
        }

        var kinds = entries.Select(e => e.Event.Kind).ToHashSet();
        Assert.Empty(new[] { "key.created", "signin.failed", "signin.succeeded", "client.registered", "consent.given", "token.issued", "token.refreshed", "token.refused" }.Except(kinds));
        Assert.NotNull(entries.First(e => e.Event.Kind == "signin.failed").Event.Subject); // alice exists: her account is named
        var issued = entries.First(e => e.Event.Kind == "token.issued");
        Assert.Equal("127.0.0.1", issued.Event.SourceAddress);
        Assert.NotNull(issued.Event.CorrelationId);
    }
}
