using System.Net;
using System.Text;
using System.Text.Json;
using Mandate.Core.Audit;
using Mandate.Core.Configuration;
using Mandate.Core.Gateway;
using Mandate.Core.Keys;
using Mandate.Core.Security;
using Mandate.Core.Tokens;
using Mandate.Core.Vault;
using Mandate.Core.Vault.Connectors;
using Mandate.Interop.Tests.Support;
using Mandate.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static Mandate.Interop.Tests.Vault.OidcProviderConnectionTests;

namespace Mandate.Interop.Tests.Vault;

/// <summary>
/// Credential injection end to end: the third-party service is panva's <c>oidc-provider</c> and its own MCP server
/// (TypeScript SDK, provider-protected-mcp.mjs), which accepts only tokens the provider's userinfo endpoint accepts. A
/// person connects the service in Mandate's console; an agent holding only its Mandate token calls the service's tool
/// through the gateway, and the service sees the person's provider account. Before connecting, after revocation at the
/// provider: the agent is sent to the Connections page (tool error, or URL elicitation when it declared support).
/// Expiry forces a refresh. No log line, response body or ledger entry holds any token the provider issued. Run twice:
/// with bearer tokens, and with DPoP-bound tokens (RFC 9449: the provider, which offers DPoP, binds the connection's
/// tokens to a key Mandate made for it, demanding nonces; the service verifies each proof with <c>jose</c>, demands its
/// own nonce, and checks the binding by introspection at the provider).
/// </summary>
public sealed class OidcProviderInjectionTests
{
    private const string Upstream = "service";
    private const string ConnectorName = OidcProviderConnectionTests.Connector;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Agent_CallsTheServiceWithThePersonsConnection_AndNeverSeesIt(bool dpop)
    {
        var node = RepoPaths.RequireNodeModules(RepoPaths.InteropNode);
        var logs = new LogCapture();
        await using var mandate = await MandateTestServer.StartAsync(
            new Dictionary<string, string?>
            {
                ["Security:AllowLoopbackFetch"] = "true",
                ["Vault:RefreshPollInterval"] = "01:00:00",
                ["Gateway:ClientRequestsPerMinute"] = "0",
                ["Gateway:UserRequestsPerMinute"] = "0",
            },
            services => services.AddSingleton<ILoggerProvider>(logs));
        var alice = await mandate.AddUserAsync("alice");
        var clientSecret = RandomTokens.Create(24);
        await using var provider = await NodeServer.StartAsync(node, "oidc-provider-service.mjs", new Dictionary<string, string>
        {
            ["REDIRECT_URI"] = mandate.Issuer + "/connections/callback",
            ["CLIENT_ID"] = ClientId,
            ["CLIENT_SECRET"] = clientSecret,
            ["ACCOUNT"] = Account,
            ["ACCESS_TOKEN_TTL"] = "30",
            ["DPOP_NONCE"] = dpop ? "1" : "0",
        });
        var issuer = JsonAssert.Text(provider.Ready, "issuer");
        await using var service = await NodeServer.StartAsync(node, "provider-protected-mcp.mjs", new Dictionary<string, string>
        {
            ["PROVIDER_ISSUER"] = issuer,
            ["CLIENT_ID"] = ClientId,
            ["CLIENT_SECRET"] = clientSecret,
        });
        var services = mandate.Services;
        var seen = new List<string> { clientSecret };
        var bodies = new List<string>();

        var (connector, error) = await services.GetRequiredService<ConnectorRegistration>().SaveAsync(
            new ConnectorDefinition
            {
                Name = ConnectorName,
                Issuer = issuer,
                ClientId = ClientId,
                ClientSecret = clientSecret,
                Scopes = ["openid", "offline_access"],
                ExtraParameters = new Dictionary<string, string> { ["prompt"] = "consent" },

                // DPoP: left to discovery (the provider advertises ES256), which must choose it.
                Dpop = dpop ? null : false,
            },
            CancellationToken.None);
        Assert.True(connector is not null, error);
        Assert.Equal(dpop ? "ES256" : null, connector.DpopAlgorithm);
        var credential = UpstreamCredential.Parse("connector:" + ConnectorName, "bearer", out _)!;
        await services.GetRequiredService<UpstreamRegistration>().RegisterAsync(
            new Upstream { Name = Upstream, Url = JsonAssert.Text(service.Ready, "listening"), TrustAnnotations = true, Credential = credential }, null, null, CancellationToken.None);
        Assert.Equal(credential, (await services.GetRequiredService<IUpstreamStore>().FindAsync(Upstream, CancellationToken.None))!.Credential);
        var agent = new Agent(mandate.Issuer + "/mcp/" + Upstream, Token(services, alice.Id, mandate.Issuer + "/mcp/" + Upstream), bodies);
        var connectUrl = mandate.Issuer + "/connections?connector=" + ConnectorName;

        // Not connected yet: a tool call is a tool error naming the Connections page; a client that declared URL
        // elicitation gets URLElicitationRequiredError (-32042) with the page as a url-mode elicitation.
        var missing = await agent.CallAsync(Agent.ToolCall(1, "whoami"));
        Assert.True(missing.GetProperty("result").GetProperty("isError").GetBoolean(), missing.ToString());
        Assert.Contains(connectUrl, missing.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        var elicit = await agent.CallAsync(Agent.Initialize(2, urlElicitation: true));
        Assert.Equal(-32042, elicit.GetProperty("error").GetProperty("code").GetInt32());
        var elicitation = elicit.GetProperty("error").GetProperty("data").GetProperty("elicitations")[0];
        Assert.Equal("url", elicitation.GetProperty("mode").GetString());
        Assert.Equal(connectUrl, elicitation.GetProperty("url").GetString());
        Assert.False(string.IsNullOrEmpty(elicitation.GetProperty("elicitationId").GetString()));

        // The person connects once; the agent's calls now reach the service as that person's provider account.
        using var person = new ConsolePerson(mandate.Issuer);
        await person.SignInAsync("alice");
        await ConnectAsync(person, mandate.Issuer, issuer, provider);
        var first = await CredentialAsync(services, alice.Id);
        seen.AddRange([first.AccessToken!, first.RefreshToken!]);
        if (dpop)
        {
            // Bound to the connection's key at the provider: refused as a bearer token, accepted with a proof.
            Assert.Equal("DPoP", first.TokenType);
            seen.Add(PrivatePart(first.DpopKey!));
            Assert.Equal(HttpStatusCode.Unauthorized, (await ProviderUserInfo.BearerAsync(issuer, first.AccessToken!)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await ProviderUserInfo.DpopAsync(issuer, first.AccessToken!, first.DpopKey!)).StatusCode);
        }

        Assert.Equal("2.0", (await agent.CallAsync(Agent.Initialize(3, urlElicitation: false))).GetProperty("jsonrpc").GetString());
        Assert.Equal("provider account: " + Account, await agent.ToolTextAsync(4, "whoami"));

        // Expiry forces a refresh before the call; the service sees the new token.
        await ExpireAsync(services, alice.Id);
        Assert.Equal("provider account: " + Account, await agent.ToolTextAsync(5, "whoami"));
        var second = await CredentialAsync(services, alice.Id);
        seen.AddRange([second.AccessToken!, second.RefreshToken!]);
        Assert.NotEqual(first.AccessToken, second.AccessToken);
        Assert.Equal(first.DpopKey, second.DpopKey);
        Assert.Equal(dpop ? "DPoP" : "Bearer", second.TokenType, ignoreCase: true);
        Assert.Single(await EventsAsync(services, VaultAudit.RefreshKind));

        // Revoked at the provider: the refresh fails and the agent is told to have the person reconnect.
        Assert.Equal(HttpStatusCode.OK, (await RevokeAtProviderAsync(issuer, clientSecret, second.RefreshToken!)).StatusCode);
        await ExpireAsync(services, alice.Id);
        var dead = await agent.CallAsync(Agent.ToolCall(6, "whoami"));
        var text = dead.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString();
        Assert.Contains("renewed", text, StringComparison.Ordinal);
        Assert.Contains(connectUrl, text, StringComparison.Ordinal);

        // Every use is in the ledger: the connector's name, never the credential.
        var injections = await EventsAsync(services, "vault.inject");
        Assert.Equal(["deny", "deny", "allow", "allow", "allow", "deny"], injections.Select(e => e.Decision));
        Assert.All(injections, e => Assert.Equal("connector:" + ConnectorName, e.Resource));
        Assert.All(injections, e => Assert.Equal(alice.Id, e.Subject));
        Assert.Equal("reconnect needed", injections[^1].Reason);
        Assert.Contains("request for provider account " + Account, service.Stderr, StringComparison.Ordinal);
        if (dpop)
        {
            Assert.Contains("asked for a DPoP nonce", service.Stderr, StringComparison.Ordinal);
            Assert.Contains("accepted a DPoP-bound token with its proof", service.Stderr, StringComparison.Ordinal);
            Assert.Contains("(DPoP-bound)", provider.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("refused a DPoP", service.Stderr, StringComparison.Ordinal);
        }

        // The credential never leaves Mandate: no response to the agent or the person, log line or ledger entry holds one.
        await AssertNothingHoldsAsync(services, seen, bodies.Concat(person.Bodies), logs.Lines);
    }

    private static async Task AssertNothingHoldsAsync(IServiceProvider services, List<string> secrets, IEnumerable<string> bodies, IReadOnlyCollection<string> lines)
    {
        Assert.NotEmpty(lines);
        Assert.DoesNotContain(lines, line => secrets.Any(secret => line.Contains(secret, StringComparison.Ordinal)));
        Assert.DoesNotContain(bodies, body => secrets.Any(secret => body.Contains(secret, StringComparison.Ordinal)));
        var entries = await services.GetRequiredService<IAuditReader>().SearchAsync(new AuditQuery { Limit = 10_000 }, CancellationToken.None);
        Assert.NotEmpty(entries);
        foreach (var entry in entries)
        {
            var text = Encoding.UTF8.GetString(entry.Entry);
            Assert.DoesNotContain(secrets, secret => text.Contains(secret, StringComparison.Ordinal));
        }
    }

    /// <summary>The private scalar of a stored private JWK (what must never leave Mandate).</summary>
    private static string PrivatePart(string jwk) => JsonDocument.Parse(jwk).RootElement.GetProperty("d").GetString()!;

    private static string Token(IServiceProvider services, string subject, string resource) =>
        new AccessTokenIssuer(services.GetRequiredService<KeyRing>(), services.GetRequiredService<IOptions<MandateOptions>>(), services.GetRequiredService<TimeProvider>())
            .Issue(new AccessTokenRequest { Subject = subject, ClientId = "agent", Resource = resource, Scopes = [.. GatewayScopes.All] })
            .Token;

    /// <summary>An agent that holds only its Mandate token and speaks JSON-RPC to the gateway; keeps every body it was sent.</summary>
    private sealed class Agent(string endpoint, string token, List<string> bodies)
    {
        private static readonly HttpClient Http = new();

        public static string Initialize(int id, bool urlElicitation) =>
            "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":"
            + (urlElicitation ? "{\"elicitation\":{\"form\":{},\"url\":{}}}" : "{}") + ",\"clientInfo\":{\"name\":\"agent\",\"version\":\"1\"}}}";

        public static string ToolCall(int id, string tool) =>
            "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\",\"arguments\":{}}}";

        public async Task<JsonElement> CallAsync(string body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            request.Headers.Accept.ParseAdd("application/json, text/event-stream");
            request.Headers.Add("MCP-Protocol-Version", "2025-11-25");
            using var response = await Http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            bodies.Add(text);
            Assert.True(response.StatusCode == HttpStatusCode.OK, response.StatusCode + ": " + text);
            return JsonDocument.Parse(text).RootElement.Clone();
        }

        public async Task<string?> ToolTextAsync(int id, string tool)
        {
            var answer = await CallAsync(ToolCall(id, tool));
            var result = answer.GetProperty("result");
            Assert.False(result.TryGetProperty("isError", out var isError) && isError.GetBoolean(), answer.ToString());
            return result.GetProperty("content")[0].GetProperty("text").GetString();
        }
    }
}
