using Mandate.Core.Gateway;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mandate.Demo;

/// <summary>
/// `mandate serve --demo`: starts the demo MCP server and registers it as upstream "demo" (annotations trusted, its key
/// as the static header the gateway injects) with its protected resource {issuer}/mcp/demo. Each start makes a new
/// port and key, so the upstream is updated every time; the notes start afresh.
/// </summary>
public sealed class DemoUpstream : IAsyncDisposable
{
    public const string Name = "demo";

    private DemoUpstream(DemoMcpServer server, string gatewayUrl)
    {
        Server = server;
        GatewayUrl = gatewayUrl;
    }

    public DemoMcpServer Server { get; }

    /// <summary>Where MCP clients connect: the gateway's endpoint for the demo, e.g. http://127.0.0.1:5080/mcp/demo.</summary>
    public string GatewayUrl { get; }

    public static IReadOnlyDictionary<string, string> ScopeDescriptions { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [GatewayScopes.Read] = "List and read your demo notes",
        [GatewayScopes.Write] = "Also create and edit demo notes",
        [GatewayScopes.Destructive] = "Also delete demo notes",
    };

    /// <param name="services">The running Mandate server's services (its stores and options).</param>
    public static async Task<DemoUpstream> StartAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var loggers = services.GetRequiredService<ILoggerFactory>();
        var server = await DemoMcpServer.StartAsync(services.GetRequiredService<TimeProvider>(), loggers, cancellationToken);
        try
        {
            var registration = services.GetRequiredService<UpstreamRegistration>();
            var upstream = new Upstream
            {
                Name = Name,
                Url = server.Url,
                TrustAnnotations = true,
                Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [DemoMcpServer.KeyHeader] = server.Key },
            };
            var resource = await registration.RegisterAsync(upstream, "Mandate demo notes", ScopeDescriptions, cancellationToken);
            var log = loggers.CreateLogger<DemoUpstream>();
            DemoLog.Registered(log, Name, resource.Uri);
            return new DemoUpstream(server, resource.Uri);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
