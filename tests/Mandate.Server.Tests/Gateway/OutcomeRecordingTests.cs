using System.Net;
using Mandate.Core.Audit;
using Mandate.Core.Gateway;
using Mandate.Core.Tokens;
using Mandate.Server.Tests.Gateway.Support;
using Mandate.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.Tests.Gateway;

/// <summary>Ledger:RecordOutcomes=Failures: every gateway.call is recorded; gateway.outcome only for calls that failed.</summary>
public sealed class OutcomeRecordingTests : IAsyncLifetime
{
    private const string Outcome = "gateway.outcome";
    private const string Ok = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"done\"}]}}";
    private MandateTestServer server = null!;
    private RawUpstream upstream = null!;

    public async Task InitializeAsync()
    {
        upstream = await RawUpstream.StartAsync();
        server = await MandateTestServer.StartAsync(new Dictionary<string, string?> { ["Ledger:RecordOutcomes"] = "Failures" });
        await server.Services.GetRequiredService<UpstreamRegistration>().RegisterAsync(
            new Upstream { Name = "raw", Url = upstream.Url, TrustAnnotations = true }, null, null, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await upstream.DisposeAsync();
    }

    [Fact]
    public async Task ASuccessfulCall_HasOnlyItsCallEntry_AFailedOneAlsoItsOutcome()
    {
        var token = server.Services.GetRequiredService<AccessTokenIssuer>().Issue(new AccessTokenRequest
        {
            Subject = "usr_outcomes",
            ClientId = "client_outcomes",
            Resource = UpstreamRegistration.ResourceUri(server.Issuer, "raw"),
            Scopes = [.. GatewayScopes.All],
        }).Token;
        upstream.Handler = context => ToolsListFilterTests.JsonAsync(context, Ok);
        using var ok = await McpHttp.PostAsync(server.Issuer + "/mcp/raw", token, McpHttp.Call(1, "good"));
        upstream.Handler = context =>
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return Task.CompletedTask;
        };
        using var failed = await McpHttp.PostAsync(server.Issuer + "/mcp/raw", token, McpHttp.Call(2, "bad"));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, failed.StatusCode);
        var events = await WaitForAsync(e => e.Kind == Outcome && e.Tool == "bad");
        Assert.Contains(events, e => e.Kind == "gateway.call" && e.Tool == "good" && e.Decision == "allow");
        Assert.Contains(events, e => e.Kind == "gateway.call" && e.Tool == "bad" && e.Decision == "allow");
        Assert.Contains(events, e => e.Kind == Outcome && e.Tool == "bad" && e.Decision == "error");
        Assert.DoesNotContain(events, e => e.Kind == Outcome && e.Tool == "good");
    }

    private async Task<IReadOnlyList<AuditEvent>> WaitForAsync(Func<AuditEvent, bool> until)
    {
        var reader = server.Services.GetRequiredService<IAuditReader>();
        for (var i = 0; ; i++)
        {
            var events = (await reader.ListRecentAsync(50, CancellationToken.None)).Where(e => e.Kind.StartsWith("gateway.", StringComparison.Ordinal)).ToList();
            if (events.Any(until) || i == 100)
            {
                return events;
            }

            await Task.Delay(50);
        }
    }
}
