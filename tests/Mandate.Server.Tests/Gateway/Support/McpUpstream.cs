using Mandate.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.AspNetCore;

namespace Mandate.Server.Tests.Gateway.Support;

/// <summary>A real MCP server (the official C# SDK, Streamable HTTP) on a free loopback port, recording what it receives.</summary>
public sealed class McpUpstream : IAsyncDisposable
{
    private readonly WebApplication app;

    private McpUpstream(WebApplication app, string url, RequestRecorder recorder)
    {
        this.app = app;
        Url = url;
        Recorder = recorder;
    }

    public string Url { get; }

    public RequestRecorder Recorder { get; }

    public static async Task<McpUpstream> StartAsync(HttpServerSessionMode mode)
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        builder.Services.AddMcpServer().WithHttpTransport(o => o.SessionMode = mode).WithTools<NoteTools>();
        var app = builder.Build();
        var recorder = new RequestRecorder();
        app.Use(async (context, next) =>
        {
            await recorder.RecordAsync(context);
            await next(context);
        });
        app.MapMcp("/mcp");
        await app.StartAsync();
        return new McpUpstream(app, url + "/mcp", recorder);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
