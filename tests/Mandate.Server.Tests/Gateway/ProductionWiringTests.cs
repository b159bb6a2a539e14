using System.Net;
using Mandate.Core.Audit;
using Mandate.Core.Gateway;
using Mandate.Core.Tokens;
using Mandate.Server.Tests.Gateway.Support;
using Mandate.Testing;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.AspNetCore;

namespace Mandate.Server.Tests.Gateway;

/// <summary>
/// The gateway on the services `mandate serve` runs (SQLite stores with encrypted headers, the real tool catalog and
/// tool fetcher, the append-only audit table), with an upstream registered the way the CLI registers it.
/// </summary>
public sealed class ProductionWiringTests : IAsyncLifetime
{
    private MandateTestServer server = null!;
    private McpUpstream upstream = null!;

    public async Task InitializeAsync()
    {
        upstream = await McpUpstream.StartAsync(HttpServerSessionMode.Stateless);
        server = await MandateTestServer.StartAsync();
        var registration = server.Services.GetRequiredService<UpstreamRegistration>();
        await registration.RegisterAsync(
            new Upstream { Name = "notes", Url = upstream.Url, TrustAnnotations = true, Headers = new Dictionary<string, string> { ["X-Api-Key"] = "stored-encrypted" } },
            "Notes",
            null,
            CancellationToken.None);
    }

    [Fact]
    public async Task FirstCall_OfAnUnlistedTool_FetchesItsLevel_ThenStepsUp()
    {
        using var response = await McpHttp.PostAsync(Endpoint, Token("mcp:read"), McpHttp.Call(1, "write_note", new { id = "n1", text = "x" }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("scope=\"mcp:read mcp:write\"", response.Headers.WwwAuthenticate.Single().ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(upstream.Recorder.Requests, r => r.IsToolCall("write_note"));
    }

    [Fact]
    public async Task Listing_IsFiltered_Calls_AreAudited_AndTheStoredHeaderIsSent()
    {
        var token = Token("mcp:read");
        using var listing = await McpHttp.PostAsync(Endpoint, token, McpHttp.ListTools(1));
        using var call = await McpHttp.PostAsync(Endpoint, token, McpHttp.Call(2, "read_note"));

        Assert.Equal(["read_note", "slow_count"], (await McpHttp.ToolNamesAsync(listing, 1)).Order());
        Assert.Equal(HttpStatusCode.OK, call.StatusCode);
        _ = await McpHttp.MessagesAsync(call);
        Assert.All(upstream.Recorder.Requests, r => Assert.Equal("stored-encrypted", r.Header("X-Api-Key")));
        var events = await WaitForCallsAsync(4);
        Assert.Contains(events, e => e.Kind == "gateway.call" && e.Method == "tools/call" && e.Tool == "read_note" && e.Decision == "allow");
        Assert.Contains(events, e => e.Kind == "gateway.outcome" && e.Method == "tools/call" && e.Tool == "read_note" && e.Decision == "allow" && e.UpstreamStatus == 200);
        Assert.Contains(events, e => e.Kind == "gateway.call" && e.Method == "tools/list" && e.Decision == "allow");
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await upstream.DisposeAsync();
    }

    private string Endpoint => server.Issuer + "/mcp/notes";

    private string Token(string scope) => server.Services.GetRequiredService<AccessTokenIssuer>().Issue(new AccessTokenRequest
    {
        Subject = "usr_prod",
        ClientId = "client_prod",
        Resource = UpstreamRegistration.ResourceUri(server.Issuer, "notes"),
        Scopes = scope.Split(' '),
    }).Token;

    private async Task<IReadOnlyList<AuditEvent>> WaitForCallsAsync(int count)
    {
        var reader = server.Services.GetRequiredService<IAuditReader>();
        for (var i = 0; ; i++)
        {
            var events = (await reader.ListRecentAsync(50, CancellationToken.None)).Where(e => e.Kind.StartsWith("gateway.", StringComparison.Ordinal)).ToList();
            if (events.Count >= count || i == 100)
            {
                return events;
            }

            await Task.Delay(50);
        }
    }
}
