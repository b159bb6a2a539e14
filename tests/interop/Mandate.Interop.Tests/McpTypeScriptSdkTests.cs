using System.Text.Json;
using Mandate.Core.Clients;
using Mandate.Interop.Tests.Support;
using Mandate.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Mandate.Interop.Tests;

/// <summary>
/// The official MCP TypeScript SDK on both sides of Mandate: mcp-server.mjs is a resource server built with the SDK's
/// requireBearerAuth and RFC 9728 metadata router, mcp-client.mjs the SDK's Client with its OAuth provider flow.
/// </summary>
public sealed class McpTypeScriptSdkTests(ITestOutputHelper output)
{
    private const string Scopes = "mcp:tools mcp:read";

    [Fact]
    public async Task DynamicClientRegistration_AuthorizesCallsToolsAndRefreshes()
    {
        var node = RepoPaths.RequireNodeModules(RepoPaths.InteropNode);
        await using var server = await MandateTestServer.StartAsync();
        await server.AddUserAsync();
        await using var mcp = await StartMcpServerAsync(server, node);
        var mcpUrl = JsonAssert.Text(mcp.Ready, "listening");

        var run = await NodeScript.RunAsync(node, "mcp-client.mjs", ClientEnvironment(server, mcpUrl, "dcr"));
        output.WriteLine(run.Stderr);
        var result = run.AssertSucceeded();

        AssertCommonFlow(result, server, mcpUrl, "dcr");
        var flow = JsonAssert.Texts(result, "flow");
        Assert.Contains("POST /register 201", flow);
        var clientId = JsonAssert.Text(result, "client_id");
        Assert.DoesNotContain("://", clientId, StringComparison.Ordinal);
        var stored = await server.Services.GetRequiredService<IClientStore>().FindAsync(clientId, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(ClientSource.Dynamic, stored.Source);
        Assert.Equal(TokenEndpointAuthMethods.None, stored.TokenEndpointAuthMethod);

        // The SDK registers with the scopes from the protected resource metadata (SEP-835).
        Assert.Equal(Scopes, JsonAssert.Text(result, "registration_scope"));
    }

    [Fact]
    public async Task ClientIdMetadataDocument_OverHttps_SdkUsesTheUrlAsClientId()
    {
        var node = RepoPaths.RequireNodeModules(RepoPaths.InteropNode);
        using var tls = LoopbackTlsFiles.Create();
        await using var server = await MandateTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Security:AllowLoopbackFetch"] = "true",
            ["Security:ExtraTrustedCertificates"] = tls.CaCertificatePath,
        });
        await server.AddUserAsync();
        await using var mcp = await StartMcpServerAsync(server, node);
        var mcpUrl = JsonAssert.Text(mcp.Ready, "listening");

        var env = ClientEnvironment(server, mcpUrl, "cimd");
        env["CIMD_TLS_CERT"] = tls.CertificatePath;
        env["CIMD_TLS_KEY"] = tls.KeyPath;
        var run = await NodeScript.RunAsync(node, "mcp-client.mjs", env);
        output.WriteLine(run.Stderr);
        var result = run.AssertSucceeded();

        AssertCommonFlow(result, server, mcpUrl, "cimd");
        Assert.Equal("sdk-clientMetadataUrl", JsonAssert.Text(result, "cimd_path"));
        var clientId = JsonAssert.Text(result, "client_id");
        Assert.Matches(@"^https://127\.0\.0\.1:\d+/client\.json$", clientId);
        Assert.Equal(clientId, JsonAssert.Text(result, "authorization_request.client_id"));
        Assert.DoesNotContain(JsonAssert.Texts(result, "flow"), step => step.Contains("/register", StringComparison.Ordinal));
        Assert.Empty(await server.Services.GetRequiredService<IClientStore>().ListAsync(CancellationToken.None));

        // Mandate itself fetched the document over TLS (its outbound fetcher's User-Agent), at least once.
        Assert.True(JsonAssert.Number(result, "cimd_document_fetches") >= 1, result.ToString());
        Assert.All(JsonAssert.Texts(result, "cimd_fetch_user_agents"), agent => Assert.StartsWith("Mandate/", agent, StringComparison.Ordinal));
    }

    private async Task<NodeServer> StartMcpServerAsync(MandateTestServer server, string node)
    {
        var mcp = await NodeServer.StartAsync(node, "mcp-server.mjs", new Dictionary<string, string>
        {
            ["MANDATE_ISSUER"] = server.Issuer,
            ["PORT"] = "0",
            ["SCOPES"] = Scopes,
        });
        var mcpUrl = JsonAssert.Text(mcp.Ready, "listening");
        output.WriteLine("MCP server (TypeScript SDK) at " + mcpUrl);

        // The resource exactly as the SDK names it in its RFC 9728 metadata and sends as `resource`.
        await server.AddResourceAsync(mcpUrl, Scopes.Split(' '));
        return mcp;
    }

    private static Dictionary<string, string> ClientEnvironment(MandateTestServer server, string mcpUrl, string mode) => new()
    {
        ["MCP_URL"] = mcpUrl,
        ["MODE"] = mode,
        ["MANDATE_ISSUER"] = server.Issuer,
        ["MANDATE_USERNAME"] = "alice",
        ["MANDATE_PASSWORD"] = MandateTestServer.Password,
    };

    private static void AssertCommonFlow(JsonElement result, MandateTestServer server, string mcpUrl, string mode)
    {
        Assert.True(JsonAssert.Flag(result, "ok"), result.ToString());
        Assert.Equal(mode, JsonAssert.Text(result, "mode"));
        Assert.Equal(server.Issuer, JsonAssert.Text(result, "issuer"));
        Assert.Equal(["echo"], JsonAssert.Texts(result, "tools"));
        Assert.True(JsonAssert.Flag(result, "echo"));
        Assert.True(JsonAssert.Flag(result, "refresh_rotated"));
        Assert.Equal(["login", "consent"], JsonAssert.Texts(result, "pages"));

        // RFC 8707: the SDK names the MCP server as the resource in all three requests; PKCE is S256.
        Assert.Equal(mcpUrl, JsonAssert.Text(result, "authorization_request.resource"));
        Assert.Equal("S256", JsonAssert.Text(result, "authorization_request.code_challenge_method"));
        Assert.Equal(Scopes, JsonAssert.Text(result, "authorization_request.scope"));
        Assert.Equal(mcpUrl, JsonAssert.Text(result, "token_request_resource"));
        Assert.Equal(mcpUrl, JsonAssert.Text(result, "refresh_request_resource"));
        Assert.Equal(Scopes, JsonAssert.Text(result, "granted_scope"));

        // 401 from the MCP server, then RFC 9728 and RFC 8414 discovery, the code exchange and a refresh.
        var flow = JsonAssert.Texts(result, "flow");
        Assert.Equal("POST /mcp 401", flow[0]);
        Assert.Contains("GET /.well-known/oauth-protected-resource/mcp 200", flow);
        Assert.Contains("GET /.well-known/oauth-authorization-server 200", flow);
        Assert.Equal(2, flow.Count(step => step == "POST /token 200"));
    }
}
