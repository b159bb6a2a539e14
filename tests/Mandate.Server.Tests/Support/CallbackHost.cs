using System.Threading.Channels;
using Mandate.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Mandate.Server.Tests.Support;

/// <summary>A tiny Kestrel site on loopback that records every POST it receives (CIBA pings, approval webhooks).</summary>
public sealed class CallbackHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly List<ReceivedCallback> pending = [];

    private CallbackHost(WebApplication app, string baseUrl, Channel<ReceivedCallback> received)
    {
        this.app = app;
        BaseUrl = baseUrl;
        Received = received;
    }

    public string BaseUrl { get; }

    public Channel<ReceivedCallback> Received { get; }

    public static async Task<CallbackHost> StartAsync()
    {
        var baseUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(baseUrl);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var received = Channel.CreateUnbounded<ReceivedCallback>();
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            await received.Writer.WriteAsync(new ReceivedCallback(context.Request.Path.Value ?? "", headers, body));
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        });
        await app.StartAsync();
        return new CallbackHost(app, baseUrl, received);
    }

    /// <summary>The next POST to <paramref name="path"/> not yet taken; those to other paths stay for their own callers. Fails after 30 s.</summary>
    public Task<ReceivedCallback> NextAsync(string path) => NextAsync(path, _ => true);

    /// <summary>The next POST to <paramref name="path"/> that <paramref name="match"/> accepts (others stay). Fails after 30 s.</summary>
    public async Task<ReceivedCallback> NextAsync(string path, Func<ReceivedCallback, bool> match)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            lock (pending)
            {
                while (Received.Reader.TryRead(out var arrived))
                {
                    pending.Add(arrived);
                }

                if (pending.FirstOrDefault(c => c.Path == path && match(c)) is { } found)
                {
                    pending.Remove(found);
                    return found;
                }
            }

            await Received.Reader.WaitToReadAsync(timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
