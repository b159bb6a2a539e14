using System.Text.Json;
using Mandate.Client.Dpop;
using Mandate.Client.OAuth;
using Mandate.Client.Tests.Support;
using Mandate.Protocol.Jose;

namespace Mandate.Client.Tests.OAuth;

/// <summary>
/// The SDK against a real Mandate server: narrowing exchanges succeed and name the chain, anything wider or
/// unauthorised surfaces as an OAuthException. (DPoP binding is not checked end to end: the server in this branch
/// does not issue DPoP-bound tokens yet; the proofs are checked by the Protocol validator in the handler tests.)
/// </summary>
public sealed class TokenExchangeServerTests(DelegationServer fixture) : IClassFixture<DelegationServer>
{
    [Fact]
    public async Task SubAgent_ExchangesTheOrchestratorsUserToken_ForANarrowerOne_NamingBothAgents()
    {
        var subject = await fixture.UserTokenAsync();
        using var client = new TokenExchangeClient(new TokenClientOptions
        {
            Issuer = fixture.Issuer,
            ClientAuthentication = new ClientSecretBasic(fixture.SubAgent.Id, fixture.SubAgent.Secret),
        });

        var token = await client.ExchangeAsync(subject, ["mcp:read"], fixture.Resource);

        Assert.Equal(TokenTypes.AccessToken, token.IssuedTokenType);
        Assert.Equal("mcp:read", token.Scope);
        Assert.Null(token.RefreshToken);
        var parent = CompactJws.TryParse(subject)!;
        var jwt = CompactJws.TryParse(token.AccessToken)!;
        Assert.Equal(fixture.UserId, jwt.GetClaim("sub"));
        Assert.Equal("sub-agent", jwt.GetClaim("client_id"));
        Assert.Equal(fixture.Resource, jwt.GetClaim("aud"));
        Assert.True(jwt.GetNumericClaim("exp") <= parent.GetNumericClaim("exp"));
        Assert.Equal(["sub-agent", "orchestrator"], Chain(jwt.Payload));
    }

    [Fact]
    public async Task AskingForMoreThanTheSubjectToken_IsInvalidScope_WithoutTheTokenInTheException()
    {
        var subject = await fixture.UserTokenAsync("mcp:read");
        using var client = SubAgentClient();

        var error = await Assert.ThrowsAsync<OAuthException>(() => client.ExchangeAsync(subject, ["mcp:read", "mcp:write"], fixture.Resource));

        Assert.Equal("invalid_scope", error.Error);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.StatusCode);
        Assert.DoesNotContain(subject, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherResource_IsInvalidTarget()
    {
        var subject = await fixture.UserTokenAsync();
        using var client = SubAgentClient();

        var error = await Assert.ThrowsAsync<OAuthException>(() => client.ExchangeAsync(subject, ["mcp:read"], "https://elsewhere.example.com/mcp"));

        Assert.Equal("invalid_target", error.Error);
    }

    [Fact]
    public async Task AClientNobodyAllowed_IsRefused()
    {
        var subject = await fixture.UserTokenAsync();
        using var client = new TokenExchangeClient(new TokenClientOptions
        {
            TokenEndpoint = fixture.Issuer + "/token",
            ClientAuthentication = new ClientSecretBasic(fixture.Intruder.Id, fixture.Intruder.Secret),
        });

        var error = await Assert.ThrowsAsync<OAuthException>(() => client.ExchangeAsync(subject, null, null));

        Assert.Equal("invalid_request", error.Error);
    }

    [Fact]
    public async Task AKeyAgent_AuthenticatesWithPrivateKeyJwt_AndSendsADpopProof()
    {
        var subject = await fixture.UserTokenAsync();
        using var dpopKey = DpopKey.Generate();
        using var client = new TokenExchangeClient(new TokenClientOptions
        {
            Issuer = fixture.Issuer,
            ClientAuthentication = new PrivateKeyJwt(fixture.KeyAgentId, fixture.KeyAgentKey.Key),
            DpopKey = dpopKey,
        });

        var token = await client.ExchangeAsync(subject, ["mcp:read"], fixture.Resource);

        var jwt = CompactJws.TryParse(token.AccessToken)!;
        Assert.Equal("key-agent", jwt.GetClaim("client_id"));
        Assert.Equal(["key-agent", "orchestrator"], Chain(jwt.Payload));
        Assert.True(token.IsDpopBound);
        Assert.Equal(dpopKey.Thumbprint, jwt.Payload.GetProperty("cnf").GetProperty("jkt").GetString());
    }

    [Fact]
    public async Task TheOrchestratorsOwnToken_FromClientCredentials_CanBeNarrowedByTheSubAgent()
    {
        using var orchestrator = new ClientCredentialsClient(new TokenClientOptions
        {
            Issuer = fixture.Issuer,
            ClientAuthentication = new ClientSecretBasic(fixture.Orchestrator.Id, fixture.Orchestrator.Secret),
        });
        using var subAgent = SubAgentClient();

        var own = await orchestrator.RequestTokenAsync(["mcp:read", "mcp:write"], fixture.Resource);
        var narrowed = await subAgent.ExchangeAsync(own.AccessToken, ["mcp:read"], fixture.Resource);

        Assert.Equal("mcp:read mcp:write", own.Scope);
        Assert.True(own.ExpiresAt > DateTimeOffset.UtcNow);
        var jwt = CompactJws.TryParse(narrowed.AccessToken)!;
        Assert.Equal("orchestrator", jwt.GetClaim("sub"));
        Assert.Equal(["sub-agent"], Chain(jwt.Payload));
    }

    private TokenExchangeClient SubAgentClient() => new(new TokenClientOptions
    {
        TokenEndpoint = fixture.Issuer + "/token",
        ClientAuthentication = new ClientSecretBasic(fixture.SubAgent.Id, fixture.SubAgent.Secret),
    });

    private static List<string> Chain(JsonElement payload)
    {
        var chain = new List<string>();
        var current = payload;
        while (current.TryGetProperty("act", out var act))
        {
            chain.Add(act.GetProperty("client_id").GetString()!);
            current = act;
        }

        return chain;
    }
}
