using System.Text.Json;
using Mandate.Core.Gateway;
using Mandate.Core.Gateway.Http;
using Mandate.Core.Security;
using Mandate.Core.Vault;
using Mandate.Core.Vault.Connectors;
using Mandate.Interop.Tests.Support;
using Mandate.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Mandate.Interop.Tests.Vault.OidcProviderConnectionTests;

namespace Mandate.Interop.Tests.Vault;

/// <summary>
/// Credential injection into an HTTP API upstream, end to end with third-party code on both sides: the service is
/// panva's <c>oidc-provider</c> with its own HTTP API (provider-protected-mcp.mjs, /api, which accepts only tokens the
/// provider's userinfo endpoint accepts), and the agent's HTTP client is oauth4webapi's protectedResourceRequest
/// holding only a Mandate token for {issuer}/http/service-api. Before the person connects, the agent gets the 403
/// problem naming the Connections page; after, its calls reach the API as the person's provider account; expiry forces
/// a refresh; revocation at the provider gives the reconnect problem. No log line, response body or ledger entry
/// holds any token the provider issued.
/// </summary>
public sealed class OidcProviderHttpApiInjectionTests
{
    private const string Upstream = "service-api";
    private const string ConnectorName = OidcProviderConnectionTests.Connector;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Agent_CallsTheServicesHttpApiWithThePersonsConnection_AndNeverSeesIt(bool dpop)
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

                // DPoP: left to discovery (the provider advertises ES256), which chooses it; the API then checks each proof.
                Dpop = dpop ? null : false,
            },
            CancellationToken.None);
        Assert.True(connector is not null, error);
        await services.GetRequiredService<UpstreamRegistration>().RegisterAsync(
            new Upstream { Name = Upstream, Kind = UpstreamKind.Http, Url = JsonAssert.Text(service.Ready, "api"), Credential = UpstreamCredential.Parse("connector:" + ConnectorName, "bearer", out _) },
            null,
            null,
            CancellationToken.None);
        await services.GetRequiredService<HttpRuleAdministration>().AddAsync(Upstream, "POST", PathPattern.Parse("/items", out _)!, PermissionLevel.Write, CancellationToken.None);
        var resource = mandate.Issuer + "/http/" + Upstream;
        var token = OidcProviderInjectionTests.Token(services, alice.Id, resource, "mcp:read mcp:write");
        var connectUrl = mandate.Issuer + "/connections?connector=" + ConnectorName;

        // Not connected yet: 403 problem+json naming the Connections page; nothing reaches the service.
        var missing = await CallAsync(node, resource, token, bodies, ("GET", "/me", null));
        var problem = Problem(missing[0], 403);
        Assert.Equal("urn:mandate:problem:connection-required", problem.GetProperty("type").GetString());
        Assert.Equal(connectUrl, problem.GetProperty("connect_url").GetString());
        Assert.DoesNotContain("API GET", service.Stderr, StringComparison.Ordinal);

        // The person connects once; the agent's calls now reach the API as the person's provider account.
        using var person = new ConsolePerson(mandate.Issuer);
        await person.SignInAsync("alice");
        await ConnectAsync(person, mandate.Issuer, issuer, provider);
        var first = await CredentialAsync(services, alice.Id);
        seen.AddRange([first.AccessToken!, first.RefreshToken!]);
        Assert.Equal(dpop, first.DpopKey is not null);
        if (dpop)
        {
            seen.Add(OidcProviderInjectionTests.PrivatePart(first.DpopKey!));
        }

        var connected = await CallAsync(node, resource, token, bodies, ("GET", "/me?page=2", null), ("POST", "/items", new { title = "from the agent" }), ("DELETE", "/items", null));
        Assert.Equal(200, connected[0].GetProperty("status").GetInt32());
        var me = JsonDocument.Parse(connected[0].GetProperty("body").GetString()!).RootElement;
        Assert.Equal(Account, me.GetProperty("account").GetString());
        Assert.Equal("2", me.GetProperty("query").GetProperty("page").GetString());
        Assert.Equal(201, connected[1].GetProperty("status").GetInt32());
        var created = JsonDocument.Parse(connected[1].GetProperty("body").GetString()!).RootElement;
        Assert.Equal("from the agent", created.GetProperty("received").GetProperty("title").GetString());
        var headers = created.GetProperty("headers").EnumerateArray().Select(h => h.GetString()).ToList();
        Assert.DoesNotContain(headers, h => h is "cookie" or "x-forwarded-for" or "origin");

        // A DPoP header reaches the API only as the gateway's own proof for the provider token, never the agent's.
        Assert.Equal(dpop, headers.Contains("dpop"));
        Assert.False(string.IsNullOrEmpty(connected[1].GetProperty("auditId").GetString()));

        // DELETE needs mcp:destructive: oauth4webapi sees the step-up challenge naming the whole scope set.
        Assert.Equal(403, connected[2].GetProperty("status").GetInt32());
        var challenge = connected[2].GetProperty("challenge")[0];
        Assert.Equal("bearer", challenge.GetProperty("scheme").GetString());
        Assert.Equal("insufficient_scope", challenge.GetProperty("parameters").GetProperty("error").GetString());
        Assert.Equal("mcp:read mcp:write mcp:destructive", challenge.GetProperty("parameters").GetProperty("scope").GetString());

        // Expiry forces a refresh before the call; the API sees the new token.
        await ExpireAsync(services, alice.Id);
        var refreshed = await CallAsync(node, resource, token, bodies, ("GET", "/me", null));
        Assert.Equal(200, refreshed[0].GetProperty("status").GetInt32());
        var second = await CredentialAsync(services, alice.Id);
        seen.AddRange([second.AccessToken!, second.RefreshToken!]);
        Assert.NotEqual(first.AccessToken, second.AccessToken);

        // Revoked at the provider: the refresh fails and the agent is told to have the person reconnect.
        Assert.Equal(System.Net.HttpStatusCode.OK, (await RevokeAtProviderAsync(issuer, clientSecret, second.RefreshToken!)).StatusCode);
        await ExpireAsync(services, alice.Id);
        var dead = Problem((await CallAsync(node, resource, token, bodies, ("GET", "/me", null)))[0], 403);
        Assert.Equal("reconnect_needed", dead.GetProperty("connection_status").GetString());
        Assert.Equal(connectUrl, dead.GetProperty("reconnect_url").GetString());

        // Every call and every use of the credential is in the ledger, never the credential itself.
        var injections = await EventsAsync(services, "vault.inject");
        Assert.Equal(["deny", "allow", "allow", "allow", "deny"], injections.Select(e => e.Decision));
        Assert.All(injections, e => Assert.Equal((alice.Id, "connector:" + ConnectorName, Upstream), (e.Subject, e.Resource, e.Upstream)));
        var calls = (await EventsAsync(services, "gateway.call")).Where(e => e.Upstream == Upstream).ToList();
        Assert.Equal(["GET /me", "GET /me?page", "POST /items", "DELETE /items", "GET /me", "GET /me"], calls.Select(e => e.Method + " " + e.Tool));
        Assert.Equal(["allow", "allow", "allow", "deny", "allow", "allow"], calls.Select(e => e.Decision));
        Assert.Contains("API POST /api/items for provider account " + Account + (dpop ? " (DPoP)" : string.Empty), service.Stderr, StringComparison.Ordinal);

        await OidcProviderInjectionTests.AssertNothingHoldsAsync(services, seen, bodies.Concat(person.Bodies), logs.Lines);
    }

    private static JsonElement Problem(JsonElement response, int status)
    {
        Assert.Equal(status, response.GetProperty("status").GetInt32());
        Assert.Equal("application/problem+json", response.GetProperty("contentType").GetString());
        return JsonDocument.Parse(response.GetProperty("body").GetString()!).RootElement.Clone();
    }

    /// <summary>oauth4webapi makes the calls (a third-party HTTP client); every body it was sent is kept for the leak check.</summary>
    private static async Task<IReadOnlyList<JsonElement>> CallAsync(string node, string resource, string token, List<string> bodies, params (string Method, string Path, object? Body)[] requests)
    {
        var run = await NodeScript.RunAsync(node, "oauth4webapi-http-api.mjs", new Dictionary<string, string>
        {
            ["TOKEN"] = token,
            ["BASE"] = resource,
            ["REQUESTS"] = JsonSerializer.Serialize(requests.Select(r => new { method = r.Method, path = r.Path, body = r.Body })),
        });
        var responses = run.AssertSucceeded().GetProperty("responses").EnumerateArray().ToList();
        bodies.AddRange(responses.Select(r => r.ToString()));
        return responses;
    }
}
