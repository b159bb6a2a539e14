using System.Net;
using Mandate.Server.Tests.Gateway.Support;
using Microsoft.AspNetCore.Http;

namespace Mandate.Server.Tests.Gateway;

/// <summary>What crosses to the upstream: the MCP headers and the upstream's own credentials, never the caller's.</summary>
public sealed class ForwardingTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task CallersCredentials_NeverReachTheUpstream_ItsOwnHeadersDo()
    {
        var token = fixture.Token("notes").Token;
        using var response = await McpHttp.PostAsync(fixture.Endpoint("notes"), token, McpHttp.Initialize(1), null,
            ("Cookie", "mandate-session=abc"), ("X-Api-Key", "callers-guess"), ("X-Forwarded-For", "10.0.0.1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = fixture.Notes.Recorder.Requests.Last(r => r.Body.Contains("\"initialize\"", StringComparison.Ordinal));
        Assert.Null(seen.Header("Authorization"));
        Assert.Null(seen.Header("Cookie"));
        Assert.Null(seen.Header("X-Forwarded-For"));
        Assert.Equal(GatewayFixture.ApiKey, seen.Header("X-Api-Key"));
        Assert.DoesNotContain(fixture.Notes.Recorder.Requests, r => r.Headers.Values.Any(v => v.Contains(token, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task McpHeaders_AreForwarded()
    {
        fixture.Raw.Handler = context => ToolsListFilterTests.JsonAsync(context, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}");

        using var response = await McpHttp.PostAsync(fixture.Endpoint("raw"), fixture.Token("raw").Token, McpHttp.Message(1, "ping"), null,
            ("Mcp-Param-Region", "eu"), ("Accept-Language", "fr"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = fixture.Raw.Recorder.Requests[^1];
        Assert.Equal(McpHttp.ProtocolVersion, seen.Header("MCP-Protocol-Version"));
        Assert.Equal("eu", seen.Header("Mcp-Param-Region"));
        Assert.Contains("text/event-stream", seen.Header("Accept"), StringComparison.Ordinal);
        Assert.Equal(McpHttp.Message(1, "ping"), seen.Body);
    }

    [Fact]
    public async Task LastEventId_IsForwarded_OnAResumedStream()
    {
        var token = fixture.Token("raw").Token;
        fixture.Raw.Handler = async context =>
        {
            context.Response.Headers["Mcp-Session-Id"] = "upstream-session-1";
            await ToolsListFilterTests.JsonAsync(context, "{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"serverInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}");
        };
        using var initialize = await McpHttp.PostAsync(fixture.Endpoint("raw"), token, McpHttp.Initialize(0));
        var sessionId = initialize.Headers.GetValues("Mcp-Session-Id").Single();
        fixture.Raw.Handler = async context =>
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.WriteAsync("id: 43\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{}}\n\n");
        };

        using var request = McpHttp.Request(HttpMethod.Get, fixture.Endpoint("raw"), token, null, sessionId, ("Last-Event-ID", "42"));
        using var response = await McpHttp.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = fixture.Raw.Recorder.Requests[^1];
        Assert.Equal("GET", seen.Method);
        Assert.Equal("42", seen.Header("Last-Event-ID"));
        Assert.Equal("upstream-session-1", seen.Header("Mcp-Session-Id"));
        Assert.Contains("id: 43", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpstreamForgettingTheSession_GivesTheClient404_AndTheGatewayForgetsItToo()
    {
        var token = fixture.Token("raw").Token;
        fixture.Raw.Handler = async context =>
        {
            context.Response.Headers["Mcp-Session-Id"] = "upstream-session-2";
            await ToolsListFilterTests.JsonAsync(context, "{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{}}");
        };
        using var initialize = await McpHttp.PostAsync(fixture.Endpoint("raw"), token, McpHttp.Initialize(0));
        var sessionId = initialize.Headers.GetValues("Mcp-Session-Id").Single();
        fixture.Raw.Handler = context => ToolsListFilterTests.JsonAsync(context, "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32001,\"message\":\"Session not found\"}}", 404);

        using var expired = await McpHttp.PostAsync(fixture.Endpoint("raw"), token, McpHttp.Message(1, "ping"), sessionId);
        var upstreamRequests = fixture.Raw.Recorder.Requests.Count;
        using var again = await McpHttp.PostAsync(fixture.Endpoint("raw"), token, McpHttp.Message(2, "ping"), sessionId);

        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(upstreamRequests, fixture.Raw.Recorder.Requests.Count);
    }
}
