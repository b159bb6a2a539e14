using System.Collections.Concurrent;
using Mandate.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Mandate.Server.Tests.Gateway.HttpApi;

/// <summary>
/// A small HTTP API for the gateway to proxy, on its own loopback port: records each request's method, raw target and
/// headers (not the body, so that streaming tests can read it themselves) and answers with whatever the test says.
/// </summary>
public sealed class HttpApiUpstream : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<SeenRequest> requests = new();

    private HttpApiUpstream(WebApplication app, string origin)
    {
        this.app = app;
        Origin = origin;
    }

    /// <summary>http://127.0.0.1:PORT; the gateway's upstreams point at {Origin}/base.</summary>
    public string Origin { get; }

    public IReadOnlyList<SeenRequest> Requests => requests.ToList();

    /// <summary>What the API does with each request; tests swap it. The default echoes the method and path as text.</summary>
    public Func<HttpContext, Task> Handler { get; set; } = Echo;

    public static async Task<HttpApiUpstream> StartAsync()
    {
        var origin = $"http://127.0.0.1:{FreePort.Next()}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(origin);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var upstream = new HttpApiUpstream(app, origin);
        app.Run(context =>
        {
            var target = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
            upstream.requests.Enqueue(new SeenRequest(context.Request.Method, target, context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            return upstream.Handler(context);
        });
        await app.StartAsync();
        return upstream;
    }

    public static async Task Echo(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString} body={body}", context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
