using System.Diagnostics;
using System.Net;
using Mandate.Server.Tests.Gateway.Support;
using Microsoft.AspNetCore.Http;

namespace Mandate.Server.Tests.Gateway;

/// <summary>An upstream that is down, slow, failing or talking nonsense gets the client a clear error, and the gateway stays up.</summary>
public sealed class UpstreamFailureTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task UpstreamDown_Is502_WithAJsonRpcError()
    {
        using var response = await McpHttp.PostAsync(fixture.Endpoint("down"), fixture.Token("down").Token, McpHttp.ListTools(3));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var error = (await McpHttp.ResponseAsync(response, 3)).GetProperty("error");
        Assert.Equal(-32052, error.GetProperty("code").GetInt32());
        await AssertGatewayStillServesAsync();
    }

    [Fact]
    public async Task SlowUpstream_Is504_AfterTheTimeout()
    {
        fixture.Raw.Handler = async context => await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
        var clock = Stopwatch.StartNew();

        using var response = await McpHttp.PostAsync(fixture.Endpoint("raw"), fixture.Token("raw").Token, McpHttp.Message(4, "ping"));

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal(-32053, await McpHttp.ErrorCodeAsync(response));
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(8));
        await AssertGatewayStillServesAsync();
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(401)]
    [InlineData(302)]
    public async Task UpstreamErrorStatus_Is502_WithoutTheUpstreamsBody(int status)
    {
        fixture.Raw.Handler = async context =>
        {
            context.Response.StatusCode = status;
            context.Response.Headers.Location = "https://elsewhere.example/";
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"upstream\"";
            await context.Response.WriteAsync("stack trace with secrets");
        };

        using var response = await McpHttp.PostAsync(fixture.Endpoint("raw"), fixture.Token("raw").Token, McpHttp.Call(5, "read_it"));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Empty(response.Headers.WwwAuthenticate);
        Assert.Null(response.Headers.Location);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("secrets", body, StringComparison.Ordinal);
        Assert.Contains("\"code\":-32052", body, StringComparison.Ordinal);
        Assert.Contains("\"id\":5", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpstreamClientError_PassesThrough()
    {
        fixture.Raw.Handler = context => ToolsListFilterTests.JsonAsync(context, "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Bad Request: no session\"}}", 400);

        using var response = await McpHttp.PostAsync(fixture.Endpoint("raw"), fixture.Token("raw").Token, McpHttp.Message(6, "ping"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(-32600, await McpHttp.ErrorCodeAsync(response));
    }

    [Theory]
    [InlineData("application/json", "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"tools\":[{\"name\":")]
    [InlineData("application/json", "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"tools\":\"none\"}}")]
    [InlineData("application/json", "<html>oops</html>")]
    public async Task MalformedJsonListing_Is502_WithAJsonRpcError(string contentType, string body)
    {
        fixture.Raw.Handler = async context =>
        {
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body);
        };

        using var response = await McpHttp.PostAsync(fixture.Endpoint("raw"), fixture.Token("raw").Token, McpHttp.ListTools(7));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(-32052, (await McpHttp.ResponseAsync(response, 7)).GetProperty("error").GetProperty("code").GetInt32());
        await AssertGatewayStillServesAsync();
    }

    [Fact]
    public async Task MalformedEventStreamListing_EndsWithAJsonRpcError_NeverTheUnfilteredListing()
    {
        fixture.Raw.Handler = async context =>
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.WriteAsync("data: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{}}\n\ndata: {\"jsonrpc\":\"2.0\",\"id\":8,\"result\":{\"tools\":[{\"name\":\"drop_it\"\n\n");
        };

        using var response = await McpHttp.PostAsync(fixture.Endpoint("raw"), fixture.Token("raw").Token, McpHttp.ListTools(8));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = await SseEvents.ReadAllAsync(response);
        Assert.DoesNotContain(events, e => e.Data?.Contains("drop_it", StringComparison.Ordinal) == true);
        Assert.Contains("\"code\":-32052", events.Last().Data, StringComparison.Ordinal);
        Assert.Contains("\"id\":8", events.Last().Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpstreamThatDropsTheStream_EndsTheClientsStream_GatewayStaysUp()
    {
        fixture.Raw.Handler = async context =>
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.WriteAsync("data: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":1,\"progress\":1}}\n\n");
            await context.Response.Body.FlushAsync();
            await Task.Delay(300);
            context.Abort();
        };

        using var response = await McpHttp.PostAsync(fixture.Endpoint("raw"), fixture.Token("raw").Token, McpHttp.Call(9, "read_it"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Assert.ThrowsAnyAsync<Exception>(async () => await SseEvents.ReadAllAsync(response));
        await AssertGatewayStillServesAsync();
    }

    private async Task AssertGatewayStillServesAsync()
    {
        using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), fixture.Token("stateless").Token, McpHttp.Message(1, "ping"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
