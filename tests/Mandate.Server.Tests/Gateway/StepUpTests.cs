using System.Net;
using Mandate.Core.Gateway;
using Mandate.Server.Tests.Gateway.Support;

namespace Mandate.Server.Tests.Gateway;

/// <summary>
/// tools/call needs the tool's level: a call above the token's scopes is refused with 403 insufficient_scope and the
/// full scope set, before anything reaches the upstream; a tool held at Deny is refused with a JSON-RPC error.
/// </summary>
public sealed class StepUpTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private string Metadata(string upstream) => fixture.Server.BaseUrl + "/.well-known/oauth-protected-resource/mcp/" + upstream;

    [Theory]
    [InlineData("write_note", "mcp:read", "mcp:read mcp:write")]
    [InlineData("delete_note", "mcp:read", "mcp:read mcp:write mcp:destructive")]
    [InlineData("delete_note", "mcp:read mcp:write", "mcp:read mcp:write mcp:destructive")]
    public async Task CallAboveTheTokensLevel_Is403_WithTheFullScopeSet_AndNeverReachesTheUpstream(string tool, string scope, string needed)
    {
        await KnowToolsAsync();
        var before = fixture.Stateless.Recorder.CountToolCalls(tool);

        using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), fixture.Token("stateless", scope).Token, McpHttp.Call(7, tool, new { id = "n1", text = "x" }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var challenge = Assert.Single(response.Headers.GetValues("WWW-Authenticate"));
        Assert.Equal($"Bearer error=\"insufficient_scope\", scope=\"{needed}\", resource_metadata=\"{Metadata("stateless")}\"", challenge);
        Assert.Equal(before, fixture.Stateless.Recorder.CountToolCalls(tool));
    }

    [Theory]
    [InlineData("read_note", "mcp:read")]
    [InlineData("write_note", "mcp:read mcp:write")]
    [InlineData("write_note", "mcp:destructive")]
    [InlineData("delete_note", "mcp:read mcp:write mcp:destructive")]
    public async Task CallWithinTheTokensLevel_ReachesTheUpstream(string tool, string scope)
    {
        await KnowToolsAsync();

        using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), fixture.Token("stateless", scope).Token, McpHttp.Call(8, tool, new { id = "n1", text = "x" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await McpHttp.ResponseAsync(response, 8)).GetProperty("result");
        Assert.False(result.TryGetProperty("isError", out var isError) && isError.GetBoolean());
    }

    [Fact]
    public async Task DeniedTool_IsAJsonRpcError_EvenWithEveryScope_AndNeverReachesTheUpstream()
    {
        await KnowToolsAsync();
        var before = fixture.Stateless.Recorder.CountToolCalls("purge_all");

        using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), fixture.Token("stateless", "mcp:read mcp:write mcp:destructive").Token, McpHttp.Call(9, "purge_all", new { }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("WWW-Authenticate"));
        var error = (await McpHttp.ResponseAsync(response, 9)).GetProperty("error");
        Assert.Equal(-32051, error.GetProperty("code").GetInt32());
        Assert.Contains("purge_all", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, fixture.Stateless.Recorder.CountToolCalls("purge_all"));
    }

    [Fact]
    public async Task Batch_TheStrictestMessageDecides()
    {
        await KnowToolsAsync();
        var batch = $"[{McpHttp.Call(1, "read_note")},{McpHttp.ListTools(2)},{McpHttp.Call(3, "delete_note")}]";

        using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), fixture.Token("stateless", "mcp:read mcp:write").Token, batch);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("scope=\"mcp:read mcp:write mcp:destructive\"", response.Headers.WwwAuthenticate.Single().ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_WithADeniedTool_IsRefusedWhole_OneErrorPerRequest()
    {
        await KnowToolsAsync();
        var before = fixture.Stateless.Recorder.Requests.Count;
        var batch = $"[{McpHttp.Call(1, "read_note")},{McpHttp.Call(2, "purge_all")}]";

        using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), fixture.Token("stateless", "mcp:destructive").Token, batch);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var messages = await McpHttp.MessagesAsync(response);
        Assert.Equal([1, 2], messages.Select(m => m.GetProperty("id").GetInt32()));
        Assert.All(messages, m => Assert.Equal(-32051, m.GetProperty("error").GetProperty("code").GetInt32()));
        Assert.Equal(before, fixture.Stateless.Recorder.Requests.Count);
    }

    [Fact]
    public async Task OtherMethods_NeedOnlyRead()
    {
        var token = fixture.Token("stateless", "mcp:read").Token;
        foreach (var method in new[] { "ping", "resources/list", "prompts/list" })
        {
            using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), token, McpHttp.Message(1, method));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task UnseenTool_IsLookedUpAtTheUpstream_ThenDecided()
    {
        await fixture.AddUpstreamAsync("fresh", fixture.Stateless.Url, trusted: true);
        var fetchesBefore = fixture.ToolSource.Calls;

        using var response = await McpHttp.PostAsync(fixture.Endpoint("fresh"), fixture.Token("fresh", "mcp:read").Token, McpHttp.Call(4, "write_note", new { id = "n1", text = "x" }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("scope=\"mcp:read mcp:write\"", response.Headers.WwwAuthenticate.Single().ToString(), StringComparison.Ordinal);
        Assert.Equal(fetchesBefore + 1, fixture.ToolSource.Calls);
        Assert.Equal(PermissionLevel.Write, await fixture.Catalog.FindLevelAsync("fresh", "write_note", CancellationToken.None));
    }

    [Fact]
    public async Task ABurstOfFirstCallsToAnUnseenTool_AllWaitForOneFetch_AndAreDecidedOnTheRealLevel()
    {
        await fixture.AddUpstreamAsync("burst", fixture.Stateless.Url, trusted: true);
        var fetchesBefore = fixture.ToolSource.Calls;
        var token = fixture.Token("burst", "mcp:read").Token;

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            McpHttp.PostAsync(fixture.Endpoint("burst"), token, McpHttp.Call(i, "read_note", new { id = "n1" }))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(fetchesBefore + 1, fixture.ToolSource.Calls);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task ToolTheUpstreamDoesNotList_CountsAsDestructive()
    {
        using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), fixture.Token("stateless", "mcp:read mcp:write").Token, McpHttp.Call(5, "no_such_tool"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("scope=\"mcp:read mcp:write mcp:destructive\"", response.Headers.WwwAuthenticate.Single().ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"TOOLS/CALL\",\"params\":{\"name\":\"delete_note\",\"arguments\":{\"id\":\"n1\"}}}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":[\"delete_note\"]}}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{}}")]
    public async Task ToolCallsTheGatewayCannotName_NeedTheHighestLevel(string body)
    {
        await KnowToolsAsync();

        using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), fixture.Token("stateless", "mcp:read mcp:write").Token, body);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("scope=\"mcp:read mcp:write mcp:destructive\"", response.Headers.WwwAuthenticate.Single().ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UntrustedUpstream_EveryToolIsDestructive()
    {
        using var response = await McpHttp.PostAsync(fixture.Endpoint("untrusted"), fixture.Token("untrusted", "mcp:read mcp:write").Token, McpHttp.Call(6, "read_note"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("scope=\"mcp:read mcp:write mcp:destructive\"", response.Headers.WwwAuthenticate.Single().ToString(), StringComparison.Ordinal);
    }

    /// <summary>The catalog learns the upstream's tools from a listing, as it would from any client's tools/list.</summary>
    private async Task KnowToolsAsync()
    {
        using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), fixture.Token("stateless", "mcp:destructive").Token, McpHttp.ListTools(99));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        _ = await McpHttp.MessagesAsync(response);
    }
}
