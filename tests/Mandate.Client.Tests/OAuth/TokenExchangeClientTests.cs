using System.Net;
using System.Text;
using Mandate.Client.Dpop;
using Mandate.Client.OAuth;
using Mandate.Client.Tests.Support;
using Mandate.Protocol.Dpop;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Client.Tests.OAuth;

/// <summary>What the exchange client sends and how it reads answers, against a scripted network.</summary>
public sealed class TokenExchangeClientTests : IDisposable
{
    private const string Endpoint = "https://as.example.com/token";
    private const string SubjectToken = "subject.token.of-the-orchestrator";
    private const string TokenJson = """{"access_token":"new.token","issued_token_type":"urn:ietf:params:oauth:token-type:access_token","token_type":"Bearer","expires_in":300,"scope":"mcp:read"}""";
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private readonly ScriptedHandler network = new();
    private readonly FakeTimeProvider time = new(Now);

    [Fact]
    public async Task ExchangeAsync_SendsTheRfc8693Form_WithBasicClientAuthentication()
    {
        network.Then(HttpStatusCode.OK, TokenJson);
        using var client = Client(new ClientSecretBasic("sub:agent", "sé cret"));

        var token = await client.ExchangeAsync(SubjectToken, ["mcp:read", "notes.list"], "https://rs.example.com/mcp/demo");

        var sent = Assert.Single(network.Requests);
        Assert.Equal(Endpoint, sent.Uri.AbsoluteUri);
        Assert.Equal("POST", sent.Method);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["grant_type"] = "urn:ietf:params:oauth:grant-type:token-exchange",
                ["subject_token"] = SubjectToken,
                ["subject_token_type"] = "urn:ietf:params:oauth:token-type:access_token",
                ["scope"] = "mcp:read notes.list",
                ["resource"] = "https://rs.example.com/mcp/demo",
            },
            sent.Form);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("sub%3Aagent:s%C3%A9%20cret")), sent.Authorization);
        Assert.Empty(sent.Proofs);
        Assert.Equal("new.token", token.AccessToken);
        Assert.Equal("Bearer", token.TokenType);
        Assert.Equal(TokenTypes.AccessToken, token.IssuedTokenType);
        Assert.Equal(300, token.ExpiresIn);
        Assert.Equal(Now.AddSeconds(300), token.ExpiresAt);
        Assert.Equal(["mcp:read"], token.Scopes);
        Assert.False(token.IsDpopBound);
    }

    [Fact]
    public async Task ExchangeAsync_WithAnActorTokenAndAudience_SendsThemWithTheirTypes()
    {
        network.Then(HttpStatusCode.OK, TokenJson);
        using var client = Client();

        await client.ExchangeAsync(new TokenExchangeRequest
        {
            SubjectToken = SubjectToken,
            ActorToken = "actor.assertion.jwt",
            ActorTokenType = TokenTypes.Jwt,
            Audience = "notes",
            RequestedTokenType = TokenTypes.AccessToken,
        });

        var form = Assert.Single(network.Requests).Form;
        Assert.Equal("actor.assertion.jwt", form["actor_token"]);
        Assert.Equal(TokenTypes.Jwt, form["actor_token_type"]);
        Assert.Equal("notes", form["audience"]);
        Assert.Equal(TokenTypes.AccessToken, form["requested_token_type"]);
        Assert.False(form.ContainsKey("scope"));
        Assert.False(form.ContainsKey("resource"));
    }

    [Fact]
    public async Task ARefusal_IsAnOAuthException_WithErrorAndDescription_AndNeverTheToken()
    {
        network.Then(HttpStatusCode.BadRequest, $$"""{"error":"invalid_scope","error_description":"Asked for more than {{SubjectToken}} allows."}""");
        using var client = Client();

        var error = await Assert.ThrowsAsync<OAuthException>(() => client.ExchangeAsync(SubjectToken, ["mcp:write"], null));

        Assert.Equal("invalid_scope", error.Error);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("Asked for more than [redacted] allows.", error.ErrorDescription);
        Assert.DoesNotContain(SubjectToken, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(SubjectToken, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadGateway, "<html>bad gateway</html>")]
    [InlineData(HttpStatusCode.OK, """{"token_type":"Bearer"}""")]
    [InlineData(HttpStatusCode.OK, """{"access_token":"t"}""")]
    [InlineData(HttpStatusCode.OK, "[]")]
    public async Task AnAnswerThatIsNeitherATokenNorAnOAuthError_IsAnHttpRequestException(HttpStatusCode status, string body)
    {
        network.Then(_ => new HttpResponseMessage(status) { Content = new StringContent(body) });
        using var client = Client();

        await Assert.ThrowsAsync<HttpRequestException>(() => client.ExchangeAsync(SubjectToken, null, null));
    }

    [Fact]
    public async Task WithADpopKey_TheTokenRequestCarriesAProofOfThatKey()
    {
        network.Then(HttpStatusCode.OK, TokenJson.Replace("\"Bearer\"", "\"DPoP\"", StringComparison.Ordinal));
        using var key = DpopKey.Generate();
        using var client = Client(dpopKey: key);

        var token = await client.ExchangeAsync(SubjectToken, ["mcp:read"], null);

        var result = new DpopProofValidator().Validate(Assert.Single(network.Requests).Proof, new DpopProofContext("POST", Endpoint), Now);
        Assert.True(result.IsValid, result.Failure.ToString());
        Assert.Equal(key.Thumbprint, result.Thumbprint);
        Assert.True(token.IsDpopBound);
        Assert.Equal("DPoP", token.AuthorizationScheme);
    }

    [Fact]
    public async Task RequireDpopBoundTokens_RefusesABearerToken()
    {
        network.Then(HttpStatusCode.OK, TokenJson);
        using var key = DpopKey.Generate();
        using var client = Client(dpopKey: key, requireBound: true);

        var error = await Assert.ThrowsAsync<OAuthException>(() => client.ExchangeAsync(SubjectToken, null, null));

        Assert.Equal("invalid_token_type", error.Error);
    }

    [Fact]
    public async Task WithOnlyTheIssuer_TheTokenEndpointIsDiscoveredOnce_WithoutAProof()
    {
        network.Then(HttpStatusCode.OK, """{"issuer":"https://as.example.com/tenant","token_endpoint":"https://as.example.com/tenant/token"}""")
            .Then(HttpStatusCode.OK, TokenJson)
            .Then(HttpStatusCode.OK, TokenJson);
        using var key = DpopKey.Generate();
        using var client = new TokenExchangeClient(Options(null, key) with { TokenEndpoint = null, Issuer = "https://as.example.com/tenant" }, network);

        await client.ExchangeAsync(SubjectToken, null, null);
        await client.ExchangeAsync(SubjectToken, null, null);

        Assert.Equal(
            ["GET https://as.example.com/.well-known/oauth-authorization-server/tenant", "POST https://as.example.com/tenant/token", "POST https://as.example.com/tenant/token"],
            network.Requests.Select(r => r.Method + " " + r.Uri.AbsoluteUri));
        Assert.Empty(network.Requests[0].Proofs);
        Assert.Single(network.Requests[1].Proofs);
    }

    [Fact]
    public async Task Discovery_OfMetadataNamingAnotherIssuer_IsRefused()
    {
        network.Then(HttpStatusCode.OK, """{"issuer":"https://evil.example.com","token_endpoint":"https://evil.example.com/token"}""");
        using var client = new TokenExchangeClient(Options() with { TokenEndpoint = null, Issuer = "https://as.example.com" }, network);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.ExchangeAsync(SubjectToken, null, null));
        Assert.Single(network.Requests);
    }

    [Theory]
    [InlineData("http://as.example.com/token", false, false)]
    [InlineData("http://as.example.com/token", true, true)]
    [InlineData("http://127.0.0.1:5080/token", false, true)]
    [InlineData("http://localhost:5080/token", false, true)]
    [InlineData("https://as.example.com/token", false, true)]
    [InlineData("ftp://as.example.com/token", true, false)]
    public void TokenEndpoint_MustBeHttpsOrLoopback_UnlessHttpIsAllowed(string endpoint, bool allowHttp, bool accepted)
    {
        var options = Options() with { TokenEndpoint = endpoint, AllowHttp = allowHttp };

        var error = Record.Exception(() => new TokenExchangeClient(options, network).Dispose());

        Assert.Equal(accepted, error is null);
    }

    [Fact]
    public void TokenResponse_ToString_LeavesTheTokensOut()
    {
        var token = new TokenResponse { AccessToken = "secret-access", TokenType = "DPoP", RefreshToken = "secret-refresh", Scope = "mcp:read" };

        Assert.DoesNotContain("secret", token.ToString(), StringComparison.Ordinal);
        Assert.Contains("mcp:read", token.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(SubjectToken, new TokenExchangeRequest { SubjectToken = SubjectToken, ActorToken = "actor-secret" }.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => network.Dispose();

    private TokenExchangeClient Client(ClientAuthentication? authentication = null, DpopKey? dpopKey = null, bool requireBound = false) =>
        new(Options(authentication, dpopKey) with { RequireDpopBoundTokens = requireBound }, network);

    private TokenClientOptions Options(ClientAuthentication? authentication = null, DpopKey? dpopKey = null) => new()
    {
        TokenEndpoint = Endpoint,
        ClientAuthentication = authentication ?? new ClientSecretBasic("sub-agent", "secret"),
        DpopKey = dpopKey,
        TimeProvider = time,
    };
}
