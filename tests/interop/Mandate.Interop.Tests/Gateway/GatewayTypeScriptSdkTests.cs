using Mandate.Core.Gateway;
using Mandate.Core.Security;
using Mandate.Demo;
using Mandate.Interop.Tests.Support;
using Mandate.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Mandate.Interop.Tests.Gateway;

/// <summary>
/// The official MCP TypeScript SDK client through Mandate's gateway (mcp-gateway-client.mjs) to two upstreams: the
/// demo notes server of `mandate serve --demo` (MCP C# SDK, annotations trusted) and the reference
/// @modelcontextprotocol/server-everything over Streamable HTTP (annotations not trusted, two tools set to read).
/// </summary>
public sealed class GatewayTypeScriptSdkTests(ITestOutputHelper output)
{
    [Fact]
    public async Task DemoUpstream_Dcr_ReadScopeSeesReadTools_DeleteStepsUpToDestructive()
    {
        var node = RepoPaths.RequireNodeModules(RepoPaths.InteropNode);
        await using var server = await MandateTestServer.StartAsync();
        await server.AddUserAsync();
        await using var demo = await DemoUpstream.StartAsync(server.Services, CancellationToken.None);

        var run = await NodeScript.RunAsync(node, "mcp-gateway-client.mjs", Environment(server, demo.GatewayUrl, "dcr", new()
        {
            ["READ_TOOL"] = "read_note",
            ["READ_ARGS"] = """{"id":"note-1"}""",
            ["DESTRUCTIVE_TOOL"] = "delete_note",
            ["DESTRUCTIVE_ARGS"] = """{"id":"note-2"}""",
        }));
        output.WriteLine(run.Stderr);
        var result = run.AssertSucceeded();

        GatewayFlowAssert.ReadThenStepUpToDestructive(result, server, demo.GatewayUrl, "dcr");
        Assert.Contains("POST /register 201", JsonAssert.Texts(result, "flow"));
        Assert.Equal(["list_notes", "read_note"], JsonAssert.Texts(result, "tools_read"));
        Assert.Equal(["create_note", "delete_note", "list_notes", "read_note", "update_note"], JsonAssert.Texts(result, "tools_after"));
        Assert.Contains("Welcome to Mandate", JsonAssert.Text(result, "read_tool.text"), StringComparison.Ordinal);
        Assert.Equal("Deleted note-2.", JsonAssert.Text(result, "destructive_tool.text"));

        // The delete reached the upstream only after the step-up (and the demo refuses any request carrying a token).
        Assert.Null(demo.Server.Notes.Find("note-2"));
        await GatewayFlowAssert.AuditedAsync(server, DemoUpstream.Name, "read_note", "delete_note");
    }

    [Fact]
    public async Task EverythingUpstream_Cimd_UntrustedToolsAreDestructiveUntilSetToRead()
    {
        var node = RepoPaths.RequireNodeModules(RepoPaths.InteropNode);
        using var tls = LoopbackTlsFiles.Create();
        await using var server = await MandateTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Security:AllowLoopbackFetch"] = "true",
            ["Security:ExtraTrustedCertificates"] = tls.CaCertificatePath,
        });
        await server.AddUserAsync();
        var key = RandomTokens.Create(24);
        await using var everything = await NodeServer.StartAsync(node, "everything-upstream.mjs", new Dictionary<string, string>
        {
            ["UPSTREAM_KEY"] = key,
            ["UPSTREAM_KEY_HEADER"] = "X-Upstream-Key",
        });
        var upstreamUrl = JsonAssert.Text(everything.Ready, "listening");
        output.WriteLine("server-everything at " + upstreamUrl);

        // As `mandate upstreams add everything --url ... --header 'X-Upstream-Key: ...'` then `mandate policy set`.
        var resource = await server.Services.GetRequiredService<UpstreamRegistration>().RegisterAsync(
            new Upstream { Name = "everything", Url = upstreamUrl, Headers = new Dictionary<string, string> { ["X-Upstream-Key"] = key } },
            "Everything (reference MCP server)",
            null,
            CancellationToken.None);
        var policy = server.Services.GetRequiredService<ToolPolicyAdministration>();
        Assert.Equal(ToolPolicyOutcome.Done, await policy.SetOverrideAsync("everything", "echo", PermissionLevel.Read, CancellationToken.None));
        Assert.Equal(ToolPolicyOutcome.Done, await policy.SetOverrideAsync("everything", "get-sum", PermissionLevel.Read, CancellationToken.None));

        var env = Environment(server, resource.Uri, "cimd", new()
        {
            ["READ_TOOL"] = "echo",
            ["READ_ARGS"] = """{"message":"hello through the gateway"}""",
            ["DESTRUCTIVE_TOOL"] = "get-tiny-image",
            ["DESTRUCTIVE_ARGS"] = "{}",
        });
        env["CIMD_TLS_CERT"] = tls.CertificatePath;
        env["CIMD_TLS_KEY"] = tls.KeyPath;
        var run = await NodeScript.RunAsync(node, "mcp-gateway-client.mjs", env);
        output.WriteLine(run.Stderr);
        output.WriteLine("--- server-everything ---\n" + everything.Stderr);
        var result = run.AssertSucceeded();

        GatewayFlowAssert.ReadThenStepUpToDestructive(result, server, resource.Uri, "cimd");
        Assert.Matches(@"^https://127\.0\.0\.1:\d+/client\.json$", JsonAssert.Text(result, "client_id"));
        Assert.DoesNotContain(JsonAssert.Texts(result, "flow"), step => step.Contains("/register", StringComparison.Ordinal));
        Assert.Equal(["echo", "get-sum"], JsonAssert.Texts(result, "tools_read"));
        Assert.Contains("hello through the gateway", JsonAssert.Text(result, "read_tool.text"), StringComparison.Ordinal);
        var all = JsonAssert.Texts(result, "tools_after");
        Assert.Superset(new HashSet<string>(["echo", "get-sum", "get-tiny-image", "get-env", "toggle-simulated-logging"]), new HashSet<string>(all));

        // Every request reached server-everything with the configured key and none with the caller's token.
        var requests = everything.Stderr.Split('\n').Where(l => l.StartsWith("[everything-upstream] request ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(requests);
        Assert.All(requests, line => Assert.EndsWith("authorization=absent key=ok", line.TrimEnd(), StringComparison.Ordinal));
        await GatewayFlowAssert.AuditedAsync(server, "everything", "echo", "get-tiny-image");
    }

    private static Dictionary<string, string> Environment(MandateTestServer server, string gatewayUrl, string mode, Dictionary<string, string> tools)
    {
        var env = new Dictionary<string, string>(tools)
        {
            ["MCP_URL"] = gatewayUrl,
            ["MODE"] = mode,
            ["MANDATE_ISSUER"] = server.Issuer,
            ["MANDATE_USERNAME"] = "alice",
            ["MANDATE_PASSWORD"] = MandateTestServer.Password,
        };
        return env;
    }
}
