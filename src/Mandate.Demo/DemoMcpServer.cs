using System.Net;
using System.Security.Cryptography;
using System.Text;
using Mandate.Core.Security;
using Mandate.Demo.Notes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.AspNetCore;

namespace Mandate.Demo;

/// <summary>
/// The demo MCP server: the notes tools over Streamable HTTP at http://127.0.0.1:{free port}/mcp, on a listener of its
/// own (never Mandate's public one). Every request must carry <see cref="KeyHeader"/> with a key made at start, which
/// only the gateway knows (it is the upstream's static header): the server is reachable only through Mandate. A request
/// carrying an Authorization header is refused: it would mean a caller's token was passed upstream.
/// </summary>
public sealed class DemoMcpServer : IAsyncDisposable
{
    public const string KeyHeader = "X-Mandate-Demo-Key";

    private readonly WebApplication app;

    private DemoMcpServer(WebApplication app, string url, string key)
    {
        this.app = app;
        Url = url;
        Key = key;
    }

    /// <summary>The Streamable HTTP endpoint, e.g. http://127.0.0.1:41234/mcp.</summary>
    public string Url { get; }

    /// <summary>The per-start key; a secret: give it to the gateway and nowhere else.</summary>
    public string Key { get; }

    public NoteStore Notes => app.Services.GetRequiredService<NoteStore>();

    public static async Task<DemoMcpServer> StartAsync(TimeProvider time, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var key = RandomTokens.Create(32);

        // An empty builder: no configuration sources (URLs, appsettings) can move or widen this listener.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(DemoMcpServer).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, 0);
        });
        builder.Services.AddRoutingCore();
        builder.Services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole(o => o.SingleLine = true));
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton<NoteStore>();
        builder.Services.AddMcpServer(o => o.ServerInfo = new() { Name = "mandate-demo-notes", Title = "Mandate demo notes", Version = "1.0.0" })
            .WithHttpTransport(o => o.SessionMode = HttpServerSessionMode.StatefulForInitializeClients)
            .WithTools<NoteTools>();

        var app = builder.Build();
        var log = loggerFactory.CreateLogger<DemoMcpServer>();
        var expected = Encoding.ASCII.GetBytes(key);
        app.Use(async (context, next) =>
        {
            if (!HasKey(context.Request, expected))
            {
                DemoLog.RequestWithoutKey(log, context.Request.Method, context.Request.Path);
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsync("This demo MCP server is reachable only through Mandate's gateway.", context.RequestAborted);
                return;
            }

            // The point of the demo: the gateway calls with its own key and never with the caller's token.
            if (context.Request.Headers.ContainsKey("Authorization"))
            {
                DemoLog.TokenForwarded(log, context.Request.Method, context.Request.Path);
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.Response.WriteAsync("A gateway must never pass the caller's token upstream.", context.RequestAborted);
                return;
            }

            await next(context);
        });
        app.MapMcp("/mcp");
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        var url = address.TrimEnd('/') + "/mcp";
        DemoLog.Listening(log, url);
        return new DemoMcpServer(app, url, key);
    }

    private static bool HasKey(HttpRequest request, byte[] expected)
    {
        var values = request.Headers[KeyHeader];
        return values.Count == 1 && values[0] is { } value && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(value), expected);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
