using System.Net;
using System.Text.Json;
using Mandate.Core.Clients;
using Mandate.Core.Security;
using Mandate.Server.Tests.Gateway.Support;
using Mandate.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.Tests.Gateway;

/// <summary>
/// Orchestrator → sub-agent → sub-sub-agent through the gateway: each hop exchanges (RFC 8693) for a narrower token,
/// each can call exactly what it was delegated, the audit names the whole chain, and revoking the root stops them all.
/// </summary>
public sealed class DelegationChainTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string AllScopes = "mcp:read mcp:write mcp:destructive";

    [Fact]
    public async Task EachHopCallsExactlyWhatItWasDelegated_AndTheAuditNamesTheChain()
    {
        var chain = await ChainAsync();
        var root = fixture.Token("stateless", AllScopes, subject: "usr_alice", clientId: chain.Orchestrator.Id).Token;
        var sub = await ExchangeAsync(chain.SubAgent, root, "mcp:read mcp:write");
        var subSub = await ExchangeAsync(chain.SubSubAgent, sub, "mcp:read");

        Assert.Equal(HttpStatusCode.OK, await CallAsync(root, "delete_note"));
        Assert.Equal(HttpStatusCode.OK, await CallAsync(sub, "write_note"));
        Assert.Equal(HttpStatusCode.Forbidden, await CallAsync(sub, "delete_note"));
        Assert.Equal(HttpStatusCode.OK, await CallAsync(subSub, "read_note"));
        Assert.Equal(HttpStatusCode.Forbidden, await CallAsync(subSub, "write_note"));

        var jti = Mandate.Protocol.Jose.CompactJws.TryParse(subSub)!.GetClaim("jti")!;
        var events = await fixture.Audit.WaitForAsync(jti, 2);
        var allowed = events.Single(e => e.Decision == "allow");
        Assert.Equal("usr_alice", allowed.Subject);
        Assert.Equal(chain.SubSubAgent.Id, allowed.ClientId);
        using var act = JsonDocument.Parse(allowed.ActorChain!);
        Assert.Equal(chain.SubSubAgent.Id, act.RootElement.GetProperty("client_id").GetString());
        Assert.Equal(chain.SubAgent.Id, act.RootElement.GetProperty("act").GetProperty("client_id").GetString());
        Assert.Equal(chain.Orchestrator.Id, act.RootElement.GetProperty("act").GetProperty("act").GetProperty("client_id").GetString());
    }

    [Fact]
    public async Task WideningAtAnyHop_IsRefused()
    {
        var chain = await ChainAsync();
        var root = fixture.Token("stateless", "mcp:read mcp:write", subject: "usr_alice", clientId: chain.Orchestrator.Id).Token;
        var sub = await ExchangeAsync(chain.SubAgent, root, "mcp:read");

        using var widerAtFirstHop = await ExchangeResponseAsync(chain.SubAgent, root, "mcp:destructive");
        using var widerAtSecondHop = await ExchangeResponseAsync(chain.SubSubAgent, sub, "mcp:write");
        using var otherUpstream = await ExchangeResponseAsync(chain.SubSubAgent, sub, "mcp:read", fixture.ResourceUri("notes"));

        Assert.Equal("invalid_scope", await OAuthHttp.ErrorAsync(widerAtFirstHop));
        Assert.Equal("invalid_scope", await OAuthHttp.ErrorAsync(widerAtSecondHop));
        Assert.Equal("invalid_target", await OAuthHttp.ErrorAsync(otherUpstream));
    }

    [Fact]
    public async Task RevokingTheRootToken_StopsEveryDelegatedTokenAtTheGateway()
    {
        var chain = await ChainAsync();
        var root = fixture.Token("stateless", AllScopes, subject: "usr_alice", clientId: chain.Orchestrator.Id).Token;
        var sub = await ExchangeAsync(chain.SubAgent, root, "mcp:read mcp:write");
        var subSub = await ExchangeAsync(chain.SubSubAgent, sub, "mcp:read");

        using var revoke = await OAuthHttp.PostFormAsync(fixture.Issuer + "/revoke", [("token", root)], OAuthHttp.Basic(chain.Orchestrator.Id, chain.Orchestrator.Secret));
        revoke.EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(sub, "read_note"));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(subSub, "read_note"));
    }

    private async Task<HttpStatusCode> CallAsync(string token, string tool)
    {
        using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), token, McpHttp.Call(1, tool, new { id = "n1", text = "x" }));
        return response.StatusCode;
    }

    private async Task<string> ExchangeAsync(Agent agent, string subjectToken, string scope)
    {
        using var response = await ExchangeResponseAsync(agent, subjectToken, scope);
        var body = await OAuthHttp.JsonAsync(response);
        return response.IsSuccessStatusCode ? body.GetProperty("access_token").GetString()! : throw new InvalidOperationException(body.ToString());
    }

    private Task<HttpResponseMessage> ExchangeResponseAsync(Agent agent, string subjectToken, string scope, string? resource = null) =>
        OAuthHttp.TokenAsync(fixture.Issuer, OAuthHttp.Basic(agent.Id, agent.Secret),
            ("grant_type", GrantTypes.TokenExchange),
            ("subject_token", subjectToken),
            ("subject_token_type", "urn:ietf:params:oauth:token-type:access_token"),
            ("scope", scope),
            ("resource", resource ?? fixture.ResourceUri("stateless")));

    private async Task<(Agent Orchestrator, Agent SubAgent, Agent SubSubAgent)> ChainAsync()
    {
        var suffix = RandomTokens.Create(4);
        var subSub = await AgentAsync("sub-sub-" + suffix, []);
        var sub = await AgentAsync("sub-" + suffix, [subSub.Id]);
        var orchestrator = await AgentAsync("orchestrator-" + suffix, [sub.Id]);
        return (orchestrator, sub, subSub);
    }

    private async Task<Agent> AgentAsync(string id, IReadOnlyList<string> mayExchangeTo)
    {
        var registration = await fixture.Server.Services.GetRequiredService<ClientRegistrationService>().RegisterAsync(
            new ClientMetadata { ClientId = id, ClientName = id, GrantTypes = [GrantTypes.TokenExchange], TokenEndpointAuthMethod = TokenEndpointAuthMethods.ClientSecretBasic },
            ClientSource.Registered,
            CancellationToken.None,
            mayExchangeTo);
        return new Agent(registration.Client!.ClientId, registration.Secret!);
    }

    private sealed record Agent(string Id, string Secret);
}
