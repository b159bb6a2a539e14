using Mandate.Client.Ciba;
using Mandate.Client.OAuth;
using Mandate.Core.Clients;
using Mandate.Interop.Tests.Support;
using Mandate.Testing;
using Xunit.Abstractions;

namespace Mandate.Interop.Tests.E2e;

/// <summary>
/// A real browser (Playwright driving Debian's Chromium, tests/e2e/approve.mjs) signs in and approves a CIBA request
/// on the Approvals page while the agent (Mandate.Client's CibaClient) polls; the agent then holds its token.
/// </summary>
public sealed class BrowserApprovalTests(ITestOutputHelper output)
{
    private const string Resource = "https://mcp.example.com/mcp";
    private const string ClientName = "Phone Agent";

    [Fact]
    public async Task Chromium_ApprovesOnTheApprovalsPage_WhileTheClientPolls_TheClientGetsItsToken()
    {
        var e2e = RepoPaths.RequireNodeModules(RepoPaths.E2e);
        RepoPaths.RequireChromium();
        await using var server = await MandateTestServer.StartAsync(new Dictionary<string, string?> { ["Ciba:IntervalSeconds"] = "1" });
        var user = await server.AddUserAsync("alice");
        await server.AddResourceAsync(Resource, "tools.read", "tools.call");
        var (client, secret) = await server.AddClientAsync(new ClientMetadata
        {
            ClientName = ClientName,
            GrantTypes = [Core.Clients.GrantTypes.Ciba],
            TokenEndpointAuthMethod = TokenEndpointAuthMethods.ClientSecretBasic,
            BackchannelTokenDeliveryMode = "poll",
        });
        using var ciba = new CibaClient(new TokenClientOptions { Issuer = server.Issuer, ClientAuthentication = new ClientSecretBasic(client.ClientId, secret!), AllowHttp = true });
        var binding = "E2E-" + Random.Shared.Next(1000, 9999);
        var started = await ciba.StartAsync(new BackchannelAuthenticationRequest { LoginHint = "alice", Scopes = ["tools.read"], Resource = Resource, BindingMessage = binding });
        var polling = ciba.WaitAsync(started);

        var run = await NodeScript.RunAsync(e2e, "approve.mjs", new Dictionary<string, string>
        {
            ["MANDATE_ISSUER"] = server.Issuer,
            ["MANDATE_USERNAME"] = "alice",
            ["MANDATE_PASSWORD"] = MandateTestServer.Password,
            ["BINDING_MESSAGE"] = binding,
            ["CLIENT_NAME"] = ClientName,
            ["CHROMIUM_PATH"] = RepoPaths.Chromium,
        });
        output.WriteLine(run.Stderr);
        var result = run.AssertSucceeded();
        var outcome = await polling;

        Assert.True(JsonAssert.Flag(result, "ok"));
        Assert.Equal($"{ClientName} wants to act for you", JsonAssert.Text(result, "heading"));
        Assert.Equal(binding, JsonAssert.Text(result, "binding_shown"));
        Assert.Equal("Approved.", JsonAssert.Text(result, "status"));
        Assert.Equal(0, JsonAssert.Number(result, "still_listed"));
        Assert.True(JsonAssert.Number(result, "stylesheets") >= 1, "the page's stylesheet did not load (CSP?)");
        var consoleErrors = JsonAssert.Texts(result, "console_errors");
        Assert.True(consoleErrors.Count == 0, "Browser console errors:\n" + string.Join('\n', consoleErrors));
        var screenshot = JsonAssert.Text(result, "approvals_screenshot");
        output.WriteLine("Approvals page screenshot: " + screenshot);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(screenshot)[..4]);
        Assert.Equal(CibaOutcome.Approved, outcome.Outcome);
        Assert.Equal("tools.read", outcome.Tokens!.Scope);
        var claims = Protocol.Jose.CompactJws.TryParse(outcome.Tokens.AccessToken)!.Payload;
        Assert.Equal(user.Id, claims.GetProperty("sub").GetString());
    }
}
