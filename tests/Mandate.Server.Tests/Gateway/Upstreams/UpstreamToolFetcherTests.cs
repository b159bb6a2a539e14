using System.Text.Json;
using Mandate.Core.Gateway;
using Mandate.Server.Gateway.Upstreams;
using Mandate.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.Tests.Gateway.Upstreams;

public sealed class UpstreamToolFetcherTests : IAsyncLifetime
{
    private const string ApiKey = "Bearer sk-upstream-secret";

    private ToolListingUpstream server = null!;

    public async Task InitializeAsync() => server = await ToolListingUpstream.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ListsEveryToolAcrossPages_InJsonOrSse(bool sse)
    {
        server.UseSse = sse;
        server.Pages.Clear();
        server.Pages.AddRange(["[{\"name\":\"a\"},{\"name\":\"b\"}]", "[{\"name\":\"c\"}]", "[{\"name\":\"d\",\"annotations\":{\"readOnlyHint\":true}}]"]);

        var tools = await ListAsync();

        Assert.Equal(["a", "b", "c", "d"], tools.Select(t => t.GetProperty("name").GetString()));
        Assert.True(tools[3].GetProperty("annotations").GetProperty("readOnlyHint").GetBoolean());
        Assert.Equal(
            ["POST initialize", "POST notifications/initialized", "POST tools/list", "POST tools/list", "POST tools/list", "DELETE "],
            server.Requests.Select(r => r.HttpMethod + " " + r.RpcMethod));
        var cursors = server.Requests.Where(r => r.RpcMethod == "tools/list").Select(r => JsonDocument.Parse(r.Body).RootElement.TryGetProperty("params", out var p) ? p.GetProperty("cursor").GetString() : null);
        Assert.Equal([null, "page-1", "page-2"], cursors);
    }

    [Fact]
    public async Task Initialize_AsksForTheCurrentProtocol_AsMandateGateway()
    {
        await ListAsync();

        var initialize = JsonDocument.Parse(server.Requests.First().Body).RootElement;
        Assert.Equal("2.0", initialize.GetProperty("jsonrpc").GetString());
        Assert.Equal("2025-11-25", initialize.GetProperty("params").GetProperty("protocolVersion").GetString());
        Assert.Equal("mandate-gateway", initialize.GetProperty("params").GetProperty("clientInfo").GetProperty("name").GetString());
        Assert.False(JsonDocument.Parse(server.Requests.ElementAt(1).Body).RootElement.TryGetProperty("id", out _));
    }

    [Fact]
    public async Task ConfiguredHeaders_OnEveryRequest_SessionAndVersionAfterInitialize()
    {
        await ListAsync();

        var requests = server.Requests.ToList();
        Assert.All(requests, r => Assert.Equal(ApiKey, r.Headers.Authorization.ToString()));
        Assert.All(requests, r => Assert.Equal("1", r.Headers["X-Tenant"].ToString()));
        Assert.Contains("text/event-stream", requests[0].Headers.Accept.ToString(), StringComparison.Ordinal);
        Assert.Contains("application/json", requests[0].Headers.Accept.ToString(), StringComparison.Ordinal);
        Assert.False(requests[0].Headers.ContainsKey("Mcp-Session-Id"));
        Assert.All(requests.Skip(1), r => Assert.Equal(ToolListingUpstream.SessionId, r.Headers["Mcp-Session-Id"].ToString()));
        Assert.All(requests.Skip(1), r => Assert.Equal("2025-11-25", r.Headers["MCP-Protocol-Version"].ToString()));
    }

    [Fact]
    public async Task StatelessUpstream_NoSessionHeader_NoDelete()
    {
        server.IssueSession = false;

        await ListAsync();

        Assert.DoesNotContain(server.Requests, r => r.HttpMethod == "DELETE" || r.Headers.ContainsKey("Mcp-Session-Id"));
    }

    [Fact]
    public async Task UpstreamError_ClearMessage_WithoutHeaderValues_AndTheSessionIsStillDeleted()
    {
        server.Intercept = (context, method) => Answer(context, method == "tools/list", 500);

        var error = await Assert.ThrowsAsync<UpstreamToolSourceException>(ListAsync);

        Assert.Contains("'notes'", error.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 500", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-upstream-secret", error.Message, StringComparison.Ordinal);
        Assert.Equal("DELETE", server.Requests.Last().HttpMethod);
    }

    [Fact]
    public async Task Redirect_NotFollowed()
    {
        server.Intercept = (context, method) =>
        {
            context.Response.Headers.Location = server.Url + "/elsewhere";
            return Answer(context, method == "initialize", 307);
        };

        var error = await Assert.ThrowsAsync<UpstreamToolSourceException>(ListAsync);

        Assert.Contains("redirect", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task JsonRpcError_ReportedWithItsMessageAndCode()
    {
        server.Intercept = async (context, method) =>
        {
            if (method != "tools/list")
            {
                return false;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}");
            return true;
        };

        var error = await Assert.ThrowsAsync<UpstreamToolSourceException>(ListAsync);

        Assert.Contains("refused tools/list: Method not found (code -32601)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json", "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":", "malformed JSON")]
    [InlineData("application/json", "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"tools\":{}}}", "without a tools array")]
    [InlineData("application/json", "{\"jsonrpc\":\"2.0\",\"id\":99,\"result\":{\"tools\":[]}}", "did not answer tools/list")]
    [InlineData("text/html", "<html></html>", "content type 'text/html'")]
    [InlineData("text/event-stream", "data: not json\n\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":7}\n\n", "did not answer tools/list")]
    public async Task MalformedAnswers_ClearMessages(string contentType, string body, string expected)
    {
        server.Intercept = async (context, method) =>
        {
            if (method != "tools/list")
            {
                return false;
            }

            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body);
            return true;
        };

        var error = await Assert.ThrowsAsync<UpstreamToolSourceException>(ListAsync);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OversizedAnswer_Refused_DeclaredOrStreamed(bool declareLength)
    {
        var huge = "[" + string.Join(',', Enumerable.Repeat("{\"name\":\"" + new string('x', 1000) + "\"}", 100)) + "]";
        server.Serve(huge[1..^1]);
        server.Intercept = (context, method) =>
        {
            if (declareLength && method == "tools/list")
            {
                context.Response.ContentLength = 200_000;
            }

            return Task.FromResult(false);
        };
        server.UseSse = !declareLength;

        var error = await Assert.ThrowsAsync<UpstreamToolSourceException>(() => ListAsync(o => o.MaxResponseBytes = 50_000));

        Assert.Contains("larger than 50000 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlowUpstream_TimesOut_WithAClearMessage()
    {
        server.Intercept = async (context, method) =>
        {
            if (method == "tools/list")
            {
                await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
            }

            return false;
        };

        var error = await Assert.ThrowsAsync<UpstreamToolSourceException>(() => ListAsync(o => o.Timeout = TimeSpan.FromMilliseconds(500)));

        Assert.Contains("did not list its tools within 0.5 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallerCancels_OperationCanceled_NotATimeout()
    {
        server.Intercept = async (context, method) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
            return false;
        };
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Fetcher().ListToolsAsync(Upstream(), cancel.Token));
    }

    [Fact]
    public async Task RepeatedCursor_Refused()
    {
        server.Intercept = async (context, method) =>
        {
            if (method != "tools/list")
            {
                return false;
            }

            context.Response.ContentType = "application/json";
            var id = server.Requests.Count(r => r.RpcMethod is "initialize" or "tools/list");
            await context.Response.WriteAsync($"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":{{\"tools\":[],\"nextCursor\":\"again\"}}}}");
            return true;
        };

        var error = await Assert.ThrowsAsync<UpstreamToolSourceException>(ListAsync);

        Assert.Contains("repeated a tools/list cursor", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectionDroppedMidAnswer_ClearMessage()
    {
        server.Intercept = async (context, method) =>
        {
            if (method != "tools/list")
            {
                return false;
            }

            context.Response.ContentType = "application/json";
            context.Response.ContentLength = 1000;
            await context.Response.WriteAsync("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"tools\":[");
            await context.Response.Body.FlushAsync();
            context.Abort();
            return true;
        };

        var error = await Assert.ThrowsAsync<UpstreamToolSourceException>(ListAsync);

        Assert.Contains("'notes'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_ClearMessage()
    {
        var port = FreePort.Next();

        var error = await Assert.ThrowsAsync<UpstreamToolSourceException>(() => Fetcher().ListToolsAsync(Upstream() with { Url = $"http://127.0.0.1:{port}/mcp" }, CancellationToken.None));

        Assert.Contains("could not be reached", error.Message, StringComparison.Ordinal);
    }

    private static async Task<bool> Answer(HttpContext context, bool when, int status)
    {
        if (!when)
        {
            return false;
        }

        context.Response.StatusCode = status;
        await context.Response.CompleteAsync();
        return true;
    }

    private Task<IReadOnlyList<JsonElement>> ListAsync() => ListAsync(null);

    private Task<IReadOnlyList<JsonElement>> ListAsync(Action<UpstreamFetchOptions>? configure) =>
        Fetcher(configure).ListToolsAsync(Upstream(), CancellationToken.None);

    private Upstream Upstream() => new()
    {
        Name = "notes",
        Url = server.Url,
        Headers = new Dictionary<string, string> { ["Authorization"] = ApiKey, ["X-Tenant"] = "1" },
    };

    private static IUpstreamToolSource Fetcher(Action<UpstreamFetchOptions>? configure = null)
    {
        var services = new ServiceCollection().AddLogging().AddMandateUpstreamToolSource();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        return services.BuildServiceProvider().GetRequiredService<IUpstreamToolSource>();
    }
}
