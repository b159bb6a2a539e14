using Mandate.Demo;
using Mandate.Interop.Tests.Support;
using Mandate.Testing;
using Xunit.Abstractions;

namespace Mandate.Interop.Tests.Gateway;

/// <summary>
/// A mandate obtained by a third-party OAuth client (oauth4webapi: PAR + RAR) and enforced by the gateway against the
/// official MCP TypeScript SDK client (mandate-gateway-enforcement.mjs), in front of the demo notes upstream.
/// </summary>
public sealed class GatewayMandateInteropTests(ITestOutputHelper output)
{
    private const string RedirectUri = "http://127.0.0.1:9/callback";

    [Fact]
    public async Task MandateFromParRar_IsEnforcedForTheMcpSdkClient_AndRefusedPastMaxCalls()
    {
        var node = RepoPaths.RequireNodeModules(RepoPaths.InteropNode);
        await using var server = await MandateTestServer.StartAsync();
        await server.AddUserAsync();
        await using var demo = await DemoUpstream.StartAsync(server.Services, CancellationToken.None);
        var (client, _) = await server.AddPublicClientAsync(RedirectUri);

        var run = await NodeScript.RunAsync(node, "mandate-gateway-enforcement.mjs", new Dictionary<string, string>
        {
            ["MANDATE_ISSUER"] = server.Issuer,
            ["MANDATE_USERNAME"] = "alice",
            ["MANDATE_PASSWORD"] = MandateTestServer.Password,
            ["CLIENT_ID"] = client.ClientId,
            ["REDIRECT_URI"] = RedirectUri,
            ["MCP_URL"] = demo.GatewayUrl,
        });
        output.WriteLine(run.Stderr);
        var r = run.AssertSucceeded();

        Assert.True(JsonAssert.Flag(r, "ok"));
        Assert.True(JsonAssert.Flag(r, "token_has_grant"));
        Assert.Equal(["create_note", "list_notes"], JsonAssert.Texts(r, "tools"));
        Assert.Equal(2, JsonAssert.Number(r, "created"));
        AssertRefused(r, "over_limit", "call limit 2 reached");
        AssertRefused(r, "bad_title", "argument 'title' fails constraint 'pattern'");
        AssertRefused(r, "outside_mandate", "tool not in mandate");
        Assert.False(JsonAssert.Flag(r, "list_after.refused"));
        Assert.Equal(2, demo.Server.Notes.List().Count(n => n.Title.StartsWith("bug: ", StringComparison.Ordinal)));
    }

    private static void AssertRefused(System.Text.Json.JsonElement result, string member, string limit)
    {
        Assert.True(JsonAssert.Flag(result, member + ".refused"));
        Assert.Equal(-32058, JsonAssert.Number(result, member + ".code"));
        Assert.Contains(limit, JsonAssert.Text(result, member + ".message"), StringComparison.Ordinal);
    }
}
