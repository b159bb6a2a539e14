using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Mandate.Core.Clients;
using Mandate.Core.Gateway;
using Mandate.Core.Security;
using Mandate.Interop.Tests.Support;
using Mandate.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Interop.Tests.Gateway;

/// <summary>
/// One Mandate with the conformant upstream (tests/interop/conformance/conformance-upstream.mjs, MCP TypeScript SDK)
/// registered as gateway upstream <see cref="Name"/>, annotations trusted, reachable only with its key; and a
/// client_credentials token for all three gateway scopes, audience-bound to the gateway URL. Shared by every
/// scenario: each scenario opens its own MCP session, as the conformance CLI does.
/// </summary>
public sealed class ConformanceGateway : IAsyncLifetime
{
    public const string Name = "conformance";

    private MandateTestServer? server;
    private NodeServer? upstream;

    public MandateTestServer Server => server ?? throw new InvalidOperationException("Not started.");

    /// <summary>Everything the upstream logged so far (one line per request it received).</summary>
    public string UpstreamLog => upstream?.Stderr ?? string.Empty;

    /// <summary>{issuer}/mcp/conformance: where the scenarios run, and the token's audience.</summary>
    public string GatewayUrl { get; private set; } = string.Empty;

    public string Token { get; private set; } = string.Empty;

    public string Node { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        Node = RepoPaths.RequireConformanceNode();

        // The scenarios send a few hundred requests within a minute from one client; the budgets have their own tests.
        server = await MandateTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Gateway:ClientRequestsPerMinute"] = "0",
            ["Gateway:UserRequestsPerMinute"] = "0",
        });
        var key = RandomTokens.Create(24);
        upstream = await NodeServer.StartAsync(RepoPaths.Conformance, "conformance-upstream.mjs", new Dictionary<string, string>
        {
            ["UPSTREAM_KEY"] = key,
            ["UPSTREAM_KEY_HEADER"] = "X-Upstream-Key",
        }, node: Node);

        // As `mandate upstreams add conformance --url ... --header 'X-Upstream-Key: ...' --trust-annotations`.
        var resource = await server.Services.GetRequiredService<UpstreamRegistration>().RegisterAsync(
            new Upstream
            {
                Name = Name,
                Url = JsonAssert.Text(upstream.Ready, "listening"),
                TrustAnnotations = true,
                Headers = new Dictionary<string, string> { ["X-Upstream-Key"] = key },
            },
            "MCP conformance upstream",
            null,
            CancellationToken.None);
        GatewayUrl = resource.Uri;
        Token = await ClientCredentialsTokenAsync(server, GatewayUrl);
    }

    /// <summary>Runs one server scenario of the conformance CLI against the gateway (with the token unless told not to).</summary>
    public Task<NodeRun> RunScenarioAsync(string scenario, bool withToken = true)
    {
        var env = new Dictionary<string, string>
        {
            ["MCP_URL"] = GatewayUrl,
            ["SCENARIO"] = scenario,
        };
        if (withToken)
        {
            env["MCP_BEARER_TOKEN"] = Token;
        }

        return NodeScript.RunAsync(RepoPaths.Conformance, "run-server-scenario.mjs", env, TimeSpan.FromSeconds(75), Node);
    }

    public async Task DisposeAsync()
    {
        if (upstream is not null)
        {
            await upstream.DisposeAsync();
        }

        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>A confidential client registered as the CLI does, then the client_credentials grant at /token.</summary>
    private static async Task<string> ClientCredentialsTokenAsync(MandateTestServer server, string resource)
    {
        var scope = string.Join(' ', GatewayScopes.All);
        var (client, secret) = await server.AddConfidentialClientAsync("http://127.0.0.1/callback", scope, GrantTypes.ClientCredentials);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, server.Issuer + "/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = GrantTypes.ClientCredentials,
                ["scope"] = scope,
                ["resource"] = resource,
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.EscapeDataString(client.ClientId) + ":" + Uri.EscapeDataString(secret!))));
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"client_credentials at /token: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        Assert.Equal(scope, json.RootElement.GetProperty("scope").GetString());
        return json.RootElement.GetProperty("access_token").GetString()!;
    }
}
