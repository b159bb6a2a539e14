using System.Net;
using System.Text.Json;
using Mandate.Server.Tests.Gateway.Support;
using Microsoft.AspNetCore.Http;

namespace Mandate.Server.Tests.Gateway;

/// <summary>tools/list answers list only the tools the token may call, as JSON or as an event stream.</summary>
public sealed class ToolsListFilterTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Theory]
    [InlineData("mcp:read", new[] { "read_note", "slow_count" })]
    [InlineData("mcp:read mcp:write", new[] { "read_note", "write_note", "slow_count" })]
    [InlineData("mcp:read mcp:write mcp:destructive", new[] { "read_note", "write_note", "delete_note", "slow_count" })]
    public async Task SdkUpstream_ListsOnlyCallableTools_NeverDenied(string scope, string[] expected)
    {
        using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), fixture.Token("stateless", scope).Token, McpHttp.ListTools(1));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected.Order(), (await McpHttp.ToolNamesAsync(response, 1)).Order());
    }

    [Fact]
    public async Task JsonResponse_IsFiltered_KeepingEverythingElse()
    {
        fixture.Raw.Handler = context => JsonAsync(context, ToolsListResponse("1", nextCursor: "page-2"));

        using var response = await McpHttp.PostAsync(fixture.Endpoint("raw"), fixture.Token("raw", "mcp:read mcp:write").Token, McpHttp.ListTools(1));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var message = await McpHttp.ResponseAsync(response, 1);
        var result = message.GetProperty("result");
        Assert.Equal(["read_it", "write_it"], result.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.Equal("page-2", result.GetProperty("nextCursor").GetString());
        Assert.Equal("kept", result.GetProperty("_meta").GetProperty("note").GetString());
        Assert.Equal("A tool that reads", result.GetProperty("tools")[0].GetProperty("description").GetString());
    }

    [Fact]
    public async Task JsonBatchResponse_FiltersOnlyTheListing()
    {
        var body = $"[{{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{{}}}},{ToolsListResponse("2")}]";
        fixture.Raw.Handler = context => JsonAsync(context, body);

        using var response = await McpHttp.PostAsync(fixture.Endpoint("raw"), fixture.Token("raw", "mcp:read").Token, $"[{McpHttp.Message(1, "ping")},{McpHttp.ListTools(2)}]");

        var messages = await McpHttp.MessagesAsync(response);
        Assert.Equal(2, messages.Count);
        Assert.Equal(["read_it"], messages[1].GetProperty("result").GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task EventStream_RewritesOnlyTheListingEvent_OthersPassUnchanged()
    {
        var progress = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"level\":\"info\",\"data\":\"listing\"}}";
        fixture.Raw.Handler = async context =>
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.WriteAsync($": a comment\n\nid: e1\nevent: message\ndata: {progress}\n\nid: e2\ndata: {ToolsListResponse("\"abc\"")}\n\nid: e3\ndata: {progress}\n\n");
        };

        using var response = await McpHttp.PostAsync(fixture.Endpoint("raw"), fixture.Token("raw", "mcp:read").Token, McpHttp.ListTools("abc"));

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = await SseEvents.ReadAllAsync(response);
        Assert.Equal(["e1", "e2", "e3"], events.Where(e => e.Id is not null).Select(e => e.Id));
        Assert.Equal(progress, events.Single(e => e.Id == "e1").Data);
        Assert.Equal("message", events.Single(e => e.Id == "e1").Type);
        Assert.Equal(progress, events.Single(e => e.Id == "e3").Data);
        var listing = JsonDocument.Parse(events.Single(e => e.Id == "e2").Data!).RootElement;
        Assert.Equal(["read_it"], listing.GetProperty("result").GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task ListingReplayedOnAResumedGetStream_IsFilteredToo()
    {
        fixture.Raw.Handler = async context =>
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.WriteAsync($"id: r1\ndata: {ToolsListResponse("5")}\n\n");
        };

        using var request = McpHttp.Request(HttpMethod.Get, fixture.Endpoint("raw"), fixture.Token("raw", "mcp:read").Token, null, null, ("Last-Event-ID", "r0"));
        using var response = await McpHttp.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(["read_it"], await McpHttp.ToolNamesAsync(response, 5));
    }

    [Fact]
    public async Task ToolsTheCatalogCannotLevel_AreHidden()
    {
        var body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"tools\":[{\"description\":\"no name\"},42,{\"name\":\"read_it\",\"annotations\":{\"readOnlyHint\":true}}]}}";
        fixture.Raw.Handler = context => JsonAsync(context, body);

        using var response = await McpHttp.PostAsync(fixture.Endpoint("raw"), fixture.Token("raw", "mcp:destructive").Token, McpHttp.ListTools(1));

        Assert.Equal(["read_it"], await McpHttp.ToolNamesAsync(response, 1));
    }

    [Fact]
    public async Task ErrorAnswer_PassesThrough()
    {
        fixture.Raw.Handler = context => JsonAsync(context, "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}");

        using var response = await McpHttp.PostAsync(fixture.Endpoint("raw"), fixture.Token("raw").Token, McpHttp.ListTools(1));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(-32601, await McpHttp.ErrorCodeAsync(response));
    }

    [Fact]
    public async Task ListingsAreReconciledThroughTheCatalog()
    {
        var before = fixture.Catalog.Reconciles;

        using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), fixture.Token("stateless").Token, McpHttp.ListTools(1));
        _ = await McpHttp.MessagesAsync(response);

        Assert.Equal(before + 1, fixture.Catalog.Reconciles);
    }

    internal static string ToolsListResponse(string idJson, string? nextCursor = null)
    {
        var cursor = nextCursor is null ? string.Empty : $",\"nextCursor\":\"{nextCursor}\"";
        const string Tools = """[{"name":"read_it","description":"A tool that reads","inputSchema":{"type":"object"},"annotations":{"readOnlyHint":true}},{"name":"write_it","inputSchema":{"type":"object"},"annotations":{"destructiveHint":false}},{"name":"drop_it","inputSchema":{"type":"object"},"annotations":{"destructiveHint":true}}]""";
        return "{\"jsonrpc\":\"2.0\",\"id\":" + idJson + ",\"result\":{\"tools\":" + Tools + cursor + ",\"_meta\":{\"note\":\"kept\"}}}";
    }

    internal static async Task JsonAsync(HttpContext context, string body, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    }
}
