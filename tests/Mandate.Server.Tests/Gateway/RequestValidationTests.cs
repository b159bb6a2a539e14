using System.Net;
using System.Text;
using Mandate.Server.Tests.Gateway.Support;
using Mandate.Server.Tests.Support;

namespace Mandate.Server.Tests.Gateway;

/// <summary>What the gateway refuses before deciding: foreign browser origins, bodies that are not JSON-RPC or too large, and 2026-07-28 headers that contradict the body.</summary>
public sealed class RequestValidationTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string Modern = "2026-07-28";

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("http://127.0.0.1:1")]
    [InlineData("null")]
    public async Task ForeignOrigin_Is403_BeforeAnythingElse(string origin)
    {
        var before = fixture.Stateless.Recorder.Requests.Count;

        using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), fixture.Token("stateless").Token, McpHttp.ListTools(1), null, ("Origin", origin));
        using var withoutToken = await McpHttp.PostAsync(fixture.Endpoint("stateless"), null, McpHttp.ListTools(1), null, ("Origin", origin));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, withoutToken.StatusCode);
        Assert.Empty(withoutToken.Headers.WwwAuthenticate);
        Assert.Equal(before, fixture.Stateless.Recorder.Requests.Count);
    }

    [Fact]
    public async Task IssuersOwnOrigin_AndListedOrigins_Pass()
    {
        foreach (var origin in new[] { fixture.Server.BaseUrl, GatewayFixture.AllowedOrigin, GatewayFixture.AllowedOrigin.ToUpperInvariant() })
        {
            using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), fixture.Token("stateless").Token, McpHttp.ListTools(1), null, ("Origin", origin));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Theory]
    [InlineData("{not json", -32700)]
    [InlineData("", -32700)]
    [InlineData("42", -32600)]
    [InlineData("[]", -32600)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1}", -32600)]
    [InlineData("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"},7]", -32600)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":{\"x\":1},\"method\":\"ping\"}", -32600)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"read_note\",\"name\":\"delete_note\"}}", -32700)]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"method\":\"tools/call\"}", -32700)]
    public async Task NotJsonRpc_Is400_WithAJsonRpcError(string body, int code)
    {
        using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), fixture.Token("stateless").Token, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = Assert.Single(await McpHttp.MessagesAsync(response));
        Assert.Equal(code, message.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, message.GetProperty("id").ValueKind);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task OversizedBody_Is413(bool declareLength)
    {
        var padding = new string('x', 4 * 1024 * 1024);
        var body = McpHttp.Call(1, "read_note", new { id = padding });
        using var request = McpHttp.Request(HttpMethod.Post, fixture.Endpoint("stateless"), fixture.Token("stateless").Token);
        request.Content = declareLength
            ? new StringContent(body, Encoding.UTF8, "application/json")
            : new StreamContent(new UnseekableStream(Encoding.UTF8.GetBytes(body)));

        using var response = await McpHttp.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("tools/list", null)]
    [InlineData("tools/call", "read_note")]
    public async Task ModernRequest_HeadersMatchingTheBody_Pass(string method, string? name)
    {
        var body = method == "tools/list" ? ModernMessage(1, method, new { }) : ModernMessage(1, method, new { name, arguments = new { id = "n1" } });
        var headers = new List<(string, string)> { ("MCP-Protocol-Version", Modern), ("Mcp-Method", method) };
        if (name is not null)
        {
            headers.Add(("Mcp-Name", name));
        }

        using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), fixture.Token("stateless").Token, body, null, [.. headers]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("Mcp-Method", "tools/list")]
    [InlineData("Mcp-Name", "delete_note")]
    [InlineData("Mcp-Name", "=?base64?ZGVsZXRlX25vdGU=?=")]
    public async Task ModernRequest_HeaderContradictingTheBody_Is400(string header, string value)
    {
        var before = fixture.Stateless.Recorder.Requests.Count;
        var body = ModernMessage(2, "tools/call", new { name = "read_note", arguments = new { id = "n1" } });

        using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), fixture.Token("stateless").Token, body, null, ("MCP-Protocol-Version", Modern), (header, value));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(-32020, (await McpHttp.ResponseAsync(response, 2)).GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(before, fixture.Stateless.Recorder.Requests.Count);
    }

    [Fact]
    public async Task ModernRequest_Base64EncodedName_IsDecodedBeforeComparing()
    {
        var body = ModernMessage(3, "tools/call", new { name = "read_note", arguments = new { id = "n1" } });

        using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), fixture.Token("stateless").Token, body, null,
            ("MCP-Protocol-Version", Modern), ("Mcp-Method", "tools/call"), ("Mcp-Name", "=?base64?cmVhZF9ub3Rl?="));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OlderRequest_HeadersAreNotChecked()
    {
        using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), fixture.Token("stateless").Token, McpHttp.ListTools(4), null, ("Mcp-Method", "something/else"));

        Assert.NotEqual(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static string ModernMessage(int id, string method, object parameters)
    {
        var json = System.Text.Json.JsonSerializer.SerializeToNode(parameters)!.AsObject();
        json["_meta"] = new System.Text.Json.Nodes.JsonObject
        {
            ["io.modelcontextprotocol/protocolVersion"] = Modern,
            ["io.modelcontextprotocol/clientCapabilities"] = new System.Text.Json.Nodes.JsonObject(),
            ["io.modelcontextprotocol/clientInfo"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "gateway-tests", ["version"] = "1.0" },
        };
        return McpHttp.Message(id, method, json);
    }
}
