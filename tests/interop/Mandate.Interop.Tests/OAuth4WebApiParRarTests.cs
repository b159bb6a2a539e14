using System.Text.Json;
using Mandate.Interop.Tests.Support;
using Mandate.Testing;
using Xunit.Abstractions;

namespace Mandate.Interop.Tests;

/// <summary>
/// oauth4webapi's PAR (RFC 9126) and RAR (RFC 9396) support against Mandate: a pushed request carrying a mandate,
/// the code flow through login and consent, the mandate in the token response, the access token and introspection.
/// </summary>
public sealed class OAuth4WebApiParRarTests(ITestOutputHelper output)
{
    private const string Resource = "https://mcp.example.com/mcp";
    private const string RedirectUri = "http://127.0.0.1:9/callback";

    [Fact]
    public async Task PushedMandateRequest_CodeFlow_PassesEveryCheck()
    {
        var node = RepoPaths.RequireNodeModules(RepoPaths.InteropNode);
        await using var server = await MandateTestServer.StartAsync();
        await server.AddUserAsync();
        await server.AddResourceAsync(Resource, "tools.read", "tools.call");
        var (publicClient, _) = await server.AddPublicClientAsync(RedirectUri);
        var (confidential, secret) = await server.AddConfidentialClientAsync(RedirectUri, scope: "tools.read");

        var run = await NodeScript.RunAsync(node, "oauth4webapi-par-rar.mjs", new Dictionary<string, string>
        {
            ["MANDATE_ISSUER"] = server.Issuer,
            ["MANDATE_USERNAME"] = "alice",
            ["MANDATE_PASSWORD"] = MandateTestServer.Password,
            ["CLIENT_ID"] = publicClient.ClientId,
            ["REDIRECT_URI"] = RedirectUri,
            ["RESOURCE"] = Resource,
            ["CONF_CLIENT_ID"] = confidential.ClientId,
            ["CONF_CLIENT_SECRET"] = secret!,
        });
        output.WriteLine(run.Stderr);
        var r = run.AssertSucceeded();

        Assert.True(JsonAssert.Flag(r, "ok"));
        Assert.Equal(server.Issuer + "/par", JsonAssert.Text(r, "pushed_authorization_request_endpoint"));
        Assert.False(JsonAssert.Flag(r, "require_pushed_authorization_requests"));
        Assert.Equal(60, JsonAssert.Number(r, "expires_in"));
        Assert.Equal(["login", "consent"], JsonAssert.Texts(r, "pages"));
        foreach (var member in new[] { "token_response_authorization_details", "access_token_authorization_details", "introspection_authorization_details" })
        {
            var mandate = JsonAssert.Member(r, member)[0];
            Assert.Equal("mandate", mandate.GetProperty("type").GetString());
            Assert.Equal(Resource, mandate.GetProperty("locations")[0].GetString());
            Assert.Equal("create_issue", mandate.GetProperty("tools")[0].GetProperty("name").GetString());
            Assert.Equal(3, mandate.GetProperty("tools")[0].GetProperty("max_calls").GetInt32());
            Assert.Equal("acme/web", mandate.GetProperty("tools")[0].GetProperty("arguments").GetProperty("properties").GetProperty("repo").GetProperty("const").GetString());
        }

        Assert.Equal(400, JsonAssert.Number(r, "replay_status"));
        Assert.Equal("invalid_request_uri", JsonAssert.Text(r, "replay_error"));
        Assert.True(JsonAssert.Flag(r, "confidential_push"));
        Assert.Equal("invalid_authorization_details", JsonAssert.Text(r, "unknown_type_error"));
        Assert.True(JsonAssert.Number(r, "access_token_exp") <= JsonAssert.Number(r, "mandate_expires_at"));
    }
}
