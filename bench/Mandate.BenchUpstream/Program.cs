using System.Globalization;
using System.Net;
using ModelContextProtocol.AspNetCore;

// Usage: Mandate.BenchUpstream [--port 5300]; serves Streamable HTTP at http://127.0.0.1:PORT/ (the SDK's MapMcp root).
var port = 5300;
for (var i = 0; i < args.Length - 1; i++)
{
    if (args[i] == "--port")
    {
        port = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
    }
}

// An empty builder: no appsettings, URLs or environment can widen the loopback listener.
var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = args });
builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Listen(IPAddress.Loopback, port);
});
builder.Services.AddRoutingCore();
builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole(o => o.SingleLine = true));
builder.Services.AddMcpServer(o => o.ServerInfo = new() { Name = "mandate-bench-upstream", Version = "1.0.0" })
    // Stateless: no Mcp-Session-Id, so a tools/call needs no initialize round trip (and the gateway maps no session).
    .WithHttpTransport(o => o.SessionMode = HttpServerSessionMode.Stateless)
    .WithTools([typeof(Mandate.BenchUpstream.EchoTool)]);

var app = builder.Build();
app.MapMcp();
await app.RunAsync();
