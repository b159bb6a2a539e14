using Mandate.Client.Mcp;
using Mandate.Client.OAuth;
using Mandate.Client.Tokens;
using Mandate.Core.Clients;
using Mandate.Core.Configuration;
using Mandate.Core.Gateway;
using Mandate.Core.Keys;
using Mandate.Core.Tokens;
using Mandate.Demo;
using Mandate.Interop.Tests.Support;
using Mandate.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Xunit.Abstractions;

namespace Mandate.Interop.Tests.E2e;

/// <summary>
/// A held tool call approved in a real browser: an agent (Mandate.Client over the MCP C# SDK) calls the demo
/// upstream's create_note, which needs a person's approval; the gateway holds the call while Chromium (Playwright,
/// tests/e2e/approve.mjs) signs alice in and approves it on the Approvals page; the agent then gets the tool's result.
/// </summary>
public sealed class BrowserHeldCallTests(ITestOutputHelper output)
{
    private const string ClientName = "Note Agent";

    [Fact]
    public async Task Chromium_ApprovesAHeldCall_WhileTheMcpClientWaits_TheClientGetsTheResult()
    {
        var e2e = RepoPaths.RequireNodeModules(RepoPaths.E2e);
        RepoPaths.RequireChromium();
        await using var server = await MandateTestServer.StartAsync();
        await using var demo = await DemoUpstream.StartAsync(server.Services, CancellationToken.None);
        var alice = await server.AddUserAsync("alice");
        var (client, _) = await server.AddClientAsync(new ClientMetadata
        {
            ClientName = ClientName,
            GrantTypes = [Core.Clients.GrantTypes.ClientCredentials],
            TokenEndpointAuthMethod = TokenEndpointAuthMethods.ClientSecretBasic,
        });
        await server.Services.GetRequiredService<ToolPolicyAdministration>().SetOverrideAsync(DemoUpstream.Name, "create_note", null, requiresApproval: true, CancellationToken.None);
        var token = AliceToken(server, alice.Id, client.ClientId, demo.GatewayUrl);
        await using var transport = new FixedToken(token).CreateMcpTransport(new Uri(demo.GatewayUrl));
        await using var mcp = await McpClient.CreateAsync(transport);
        var title = "Held-" + Random.Shared.Next(1000, 9999);
        var held = new TaskCompletionSource<HeldForApproval>(TaskCreationOptions.RunContinuationsAsynchronously);

        var call = mcp.CallToolWithApprovalAsync("create_note", new Dictionary<string, object?> { ["title"] = title, ["body"] = "approved in a browser" }, notice => held.TrySetResult(notice));
        var notice = await held.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var run = await NodeScript.RunAsync(e2e, "approve.mjs", new Dictionary<string, string>
        {
            ["MANDATE_ISSUER"] = server.Issuer,
            ["MANDATE_USERNAME"] = "alice",
            ["MANDATE_PASSWORD"] = MandateTestServer.Password,
            ["MATCH_TEXT"] = title,
            ["CLIENT_NAME"] = ClientName,
            ["CHROMIUM_PATH"] = RepoPaths.Chromium,
        });
        output.WriteLine(run.Stderr);
        var result = run.AssertSucceeded();
        var answer = await call;

        Assert.True(JsonAssert.Flag(result, "ok"));
        Assert.Equal($"{ClientName} wants to call create_note", JsonAssert.Text(result, "heading"));
        Assert.Contains(title, JsonAssert.Text(result, "details"), StringComparison.Ordinal);
        Assert.Equal("Approved.", JsonAssert.Text(result, "status"));
        Assert.Equal(0, JsonAssert.Number(result, "still_listed"));
        var consoleErrors = JsonAssert.Texts(result, "console_errors");
        Assert.True(consoleErrors.Count == 0, "Browser console errors:\n" + string.Join('\n', consoleErrors));
        output.WriteLine("Approvals page screenshot: " + JsonAssert.Text(result, "approvals_screenshot"));
        Assert.False(string.IsNullOrEmpty(notice.ApprovalId));
        Assert.NotEqual(true, answer.IsError);
        Assert.Contains(title, Assert.IsType<TextContentBlock>(answer.Content[0]).Text, StringComparison.Ordinal);
        Assert.Contains(demo.Server.Notes.List(), n => n.Title == title);
    }

    /// <summary>alice's token for the agent at the demo upstream, as /token issues it (the flow itself is tested elsewhere).</summary>
    private static string AliceToken(MandateTestServer server, string subject, string clientId, string resource) =>
        new AccessTokenIssuer(server.Services.GetRequiredService<KeyRing>(), server.Services.GetRequiredService<IOptions<MandateOptions>>(), server.Services.GetRequiredService<TimeProvider>())
            .Issue(new AccessTokenRequest { Subject = subject, ClientId = clientId, Resource = resource, Scopes = [GatewayScopes.Read, GatewayScopes.Write] })
            .Token;

    private sealed class FixedToken(string token) : IAccessTokenProvider
    {
        public ValueTask<TokenResponse> GetTokenAsync(CancellationToken cancellationToken) =>
            ValueTask.FromResult(new TokenResponse { AccessToken = token, TokenType = "Bearer" });
    }
}
