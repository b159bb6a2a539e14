using System.Net;
using Mandate.Core.Security;
using Mandate.Core.Vault.Broker;
using Mandate.Core.Vault.Connectors;
using Mandate.Interop.Tests.Support;
using Mandate.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Mandate.Interop.Tests.Vault;

/// <summary>
/// A real browser (Playwright driving Debian's Chromium, tests/e2e/connect.mjs) connects a person's account at a real
/// provider (oidc-provider) on the Connections page; the broker then has the provider's token, which the provider accepts.
/// </summary>
public sealed class BrowserConnectTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Chromium_SignsIn_PressesConnect_AndComesBackConnected()
    {
        var e2e = RepoPaths.RequireNodeModules(RepoPaths.E2e);
        var node = RepoPaths.RequireNodeModules(RepoPaths.InteropNode);
        RepoPaths.RequireChromium();
        await using var mandate = await MandateTestServer.StartAsync(new Dictionary<string, string?> { ["Security:AllowLoopbackFetch"] = "true" });
        var alice = await mandate.AddUserAsync("alice");
        var secret = RandomTokens.Create(24);
        await using var provider = await NodeServer.StartAsync(node, "oidc-provider-service.mjs", new Dictionary<string, string>
        {
            ["REDIRECT_URI"] = mandate.Issuer + "/connections/callback",
            ["CLIENT_ID"] = "mandate-vault",
            ["CLIENT_SECRET"] = secret,
            ["ACCOUNT"] = "alice@provider",
        });
        var issuer = JsonAssert.Text(provider.Ready, "issuer");
        var (connector, error) = await mandate.Services.GetRequiredService<ConnectorRegistration>().SaveAsync(
            new ConnectorDefinition
            {
                Name = "provider",
                Issuer = issuer,
                ClientId = "mandate-vault",
                ClientSecret = secret,
                Scopes = ["openid", "offline_access"],
                ExtraParameters = new Dictionary<string, string> { ["prompt"] = "consent" },
            },
            CancellationToken.None);
        Assert.True(connector is not null, error);

        var run = await NodeScript.RunAsync(e2e, "connect.mjs", new Dictionary<string, string>
        {
            ["MANDATE_ISSUER"] = mandate.Issuer,
            ["MANDATE_USERNAME"] = "alice",
            ["MANDATE_PASSWORD"] = MandateTestServer.Password,
            ["CONNECTOR"] = "provider",
            ["PROVIDER_ISSUER"] = issuer,
            ["CHROMIUM_PATH"] = RepoPaths.Chromium,
        });
        output.WriteLine(run.Stderr);
        output.WriteLine(provider.Stderr);
        var result = run.AssertSucceeded();

        Assert.Equal("Not connected", JsonAssert.Text(result, "status_before"));
        Assert.Equal("Connected", JsonAssert.Text(result, "status_after"));
        Assert.Equal("Connected provider.", JsonAssert.Text(result, "message"));
        Assert.True(JsonAssert.Flag(result, "visited_provider"));
        var consoleErrors = JsonAssert.Texts(result, "console_errors");
        Assert.True(consoleErrors.Count == 0, "Browser console errors:\n" + string.Join('\n', consoleErrors));
        output.WriteLine("Connections page screenshot: " + JsonAssert.Text(result, "screenshot"));

        // oidc-provider offers DPoP, so the connection's tokens are bound to the key Mandate made for it (RFC 9449):
        // useless as bearer tokens, accepted by the provider's userinfo endpoint with a proof of that key.
        var credential = await mandate.Services.GetRequiredService<ICredentialBroker>().GetAsync(alice.Id, "provider", CancellationToken.None);
        Assert.Equal(CredentialStatus.Available, credential.Status);
        Assert.Equal("DPoP", credential.Credential!.TokenType);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ProviderUserInfo.BearerAsync(issuer, credential.Credential.Value)).StatusCode);
        using var userInfo = await ProviderUserInfo.DpopAsync(issuer, credential.Credential.Value, credential.Credential.DpopKey!);
        Assert.Equal(HttpStatusCode.OK, userInfo.StatusCode);
        Assert.Contains("alice@provider", await userInfo.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
