using Mandate.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Mandate.Server.Tests.Gateway.Support;

/// <summary>A hand-written upstream for what real servers rarely do on demand: fail, stall, or answer garbage.</summary>
public sealed class RawUpstream : IAsyncDisposable
{
    private readonly WebApplication app;

    private RawUpstream(WebApplication app, string url, RequestRecorder recorder)
    {
        this.app = app;
        Url = url;
        Recorder = recorder;
    }

    public string Url { get; }

    public RequestRecorder Recorder { get; }

    /// <summary>What the upstream does with each request; tests swap it.</summary>
    public Func<HttpContext, Task> Handler { get; set; } = context => Task.CompletedTask;

    public static async Task<RawUpstream> StartAsync()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var recorder = new RequestRecorder();
        RawUpstream? upstream = null;
        app.Run(async context =>
        {
            await recorder.RecordAsync(context);
            await upstream!.Handler(context);
        });
        await app.StartAsync();
        upstream = new RawUpstream(app, url + "/mcp", recorder);
        return upstream;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
