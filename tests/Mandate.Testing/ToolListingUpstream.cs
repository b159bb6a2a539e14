using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Mandate.Testing;

/// <summary>
/// A scripted MCP Streamable HTTP server on 127.0.0.1 that only does what listing tools needs: initialize (with a
/// session ID), notifications/initialized, tools/list in pages, DELETE. It answers in JSON or SSE, records every
/// request, and <see cref="Intercept"/> lets a test answer anything itself (errors, delays, huge bodies).
/// </summary>
public sealed class ToolListingUpstream : IAsyncDisposable
{
    public const string SessionId = "upstream-session-1";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly WebApplication app;

    private ToolListingUpstream(WebApplication app, string url)
    {
        this.app = app;
        Url = url;
    }

    public string Url { get; }

    /// <summary>Each page is a JSON array of tools; pages after the first are reached through nextCursor.</summary>
    public List<string> Pages { get; } = ["[]"];

    public bool UseSse { get; set; }

    public bool IssueSession { get; set; } = true;

    /// <summary>Return true when the request was answered.</summary>
    public Func<HttpContext, string?, Task<bool>>? Intercept { get; set; }

    public ConcurrentQueue<(string HttpMethod, string? RpcMethod, IHeaderDictionary Headers, string Body)> Requests { get; } = new();

    public static async Task<ToolListingUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        ToolListingUpstream? upstream = null;
        app.Map("/mcp", (HttpContext context) => upstream!.HandleAsync(context));
        await app.StartAsync();
        var address = app.Urls.First();
        upstream = new ToolListingUpstream(app, address + "/mcp");
        return upstream;
    }

    /// <summary>One page with these tools.</summary>
    public void Serve(params string[] tools)
    {
        Pages.Clear();
        Pages.Add("[" + string.Join(',', tools) + "]");
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var body = await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync(context.RequestAborted);
        using var message = body.Length > 0 ? JsonDocument.Parse(body) : null;
        var rpcMethod = message?.RootElement.TryGetProperty("method", out var m) == true ? m.GetString() : null;
        Requests.Enqueue((context.Request.Method, rpcMethod, new HeaderDictionary(context.Request.Headers.ToDictionary()), body));
        if (Intercept is { } intercept && await intercept(context, rpcMethod))
        {
            return;
        }

        if (HttpMethods.IsDelete(context.Request.Method) || rpcMethod == "notifications/initialized")
        {
            context.Response.StatusCode = HttpMethods.IsDelete(context.Request.Method) ? 200 : 202;
            return;
        }

        var id = message!.RootElement.GetProperty("id").GetRawText();
        var result = rpcMethod == "initialize" ? InitializeResult() : ToolsListResult(message.RootElement);
        if (rpcMethod == "initialize" && IssueSession)
        {
            context.Response.Headers["Mcp-Session-Id"] = SessionId;
        }

        await WriteAsync(context, $"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":{result}}}");
    }

    private static string InitializeResult() =>
        """{"protocolVersion":"2025-11-25","capabilities":{"tools":{"listChanged":true}},"serverInfo":{"name":"tool-listing-upstream","version":"1.0.0"}}""";

    private string ToolsListResult(JsonElement request)
    {
        var page = request.TryGetProperty("params", out var p) && p.TryGetProperty("cursor", out var c) ? int.Parse(c.GetString()!["page-".Length..], System.Globalization.CultureInfo.InvariantCulture) : 0;
        var next = page + 1 < Pages.Count ? $",\"nextCursor\":\"page-{page + 1}\"" : "";
        return $"{{\"tools\":{Pages[page]}{next}}}";
    }

    private async Task WriteAsync(HttpContext context, string response)
    {
        if (!UseSse)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(response, context.RequestAborted);
            return;
        }

        // Before the answer: a comment, a notification, and the answer's JSON split over two data lines.
        context.Response.ContentType = "text/event-stream";
        using var parsed = JsonDocument.Parse(response);
        var lines = JsonSerializer.Serialize(parsed.RootElement, Indented).Split('\n');
        var data = string.Concat(lines.Select((line, i) => (i == 0 ? "data:" : "data: ") + line.TrimEnd('\r') + "\n"));
        await context.Response.WriteAsync(
            ": keep-alive\n\n"
            + "event: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"level\":\"info\",\"data\":\"working\"}}\n\n"
            + "id: 1\nevent: message\n" + data + "\n",
            context.RequestAborted);
    }
}
