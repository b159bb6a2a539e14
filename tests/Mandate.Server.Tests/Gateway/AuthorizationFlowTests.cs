using System.Net;
using Mandate.Server.Tests.Gateway.Support;
using Mandate.Server.Tests.Support;
using Mandate.Testing;

namespace Mandate.Server.Tests.Gateway;

/// <summary>
/// The whole loop with real tokens: discover from the 401, sign in and consent to mcp:read, see only read tools, get a
/// 403 step-up on a write tool, consent to the larger scope, and succeed.
/// </summary>
public sealed class AuthorizationFlowTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task ReadConsent_ThenStepUp_ThenWrite()
    {
        await fixture.Server.AddUserAsync();
        var client = (await fixture.Server.AddPublicClientAsync(TestFlow.Redirect)).Client;
        var endpoint = fixture.Endpoint("stateless");

        using var challenge = await McpHttp.PostAsync(endpoint, null, McpHttp.ListTools(1));
        var metadataUrl = ChallengeParameter(challenge, "resource_metadata");
        var metadata = await OAuthHttp.JsonAsync(await OAuthHttp.Client.GetAsync(metadataUrl));
        var resource = metadata.GetProperty("resource").GetString()!;
        Assert.Equal(fixture.Issuer, metadata.GetProperty("authorization_servers")[0].GetString());

        using var browser = new BrowserSession();
        var read = (await TestFlow.TokensAsync(fixture.Issuer, client.ClientId, scope: ChallengeParameter(challenge, "scope"), resource: resource, browser: browser)).GetProperty("access_token").GetString()!;
        using var listing = await McpHttp.PostAsync(endpoint, read, McpHttp.ListTools(2));
        Assert.Equal(["read_note", "slow_count"], (await McpHttp.ToolNamesAsync(listing, 2)).Order());

        using var refused = await McpHttp.PostAsync(endpoint, read, McpHttp.Call(3, "write_note", new { id = "n1", text = "hello" }));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var needed = ChallengeParameter(refused, "scope");
        Assert.Equal("mcp:read mcp:write", needed);

        var write = (await TestFlow.TokensAsync(fixture.Issuer, client.ClientId, scope: needed, resource: resource, browser: browser)).GetProperty("access_token").GetString()!;
        using var allowed = await McpHttp.PostAsync(endpoint, write, McpHttp.Call(4, "write_note", new { id = "n1", text = "hello" }));
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("wrote n1: hello", (await McpHttp.ResponseAsync(allowed, 4)).GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
    }

    private static string ChallengeParameter(HttpResponseMessage response, string name)
    {
        var challenge = response.Headers.WwwAuthenticate.Single().ToString();
        var start = challenge.IndexOf(name + "=\"", StringComparison.Ordinal) + name.Length + 2;
        return challenge[start..challenge.IndexOf('"', start)];
    }
}
