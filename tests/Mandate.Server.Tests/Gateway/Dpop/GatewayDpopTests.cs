using System.Net;
using Mandate.Protocol.Jose;
using Mandate.Server.Tests.Gateway.Support;

namespace Mandate.Server.Tests.Gateway.Dpop;

/// <summary>RFC 9449 section 7 at the gateway: DPoP-bound tokens need the DPoP scheme and a fresh proof of their key.</summary>
public sealed class GatewayDpopTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>, IDisposable
{
    private readonly EcdsaJwsKey key = EcdsaJwsKey.Generate("client");

    private string Url => fixture.Endpoint("stateless");

    public void Dispose() => key.Dispose();

    [Fact]
    public async Task DpopToken_WithAValidProof_GoesThrough()
    {
        var token = DpopCalls.BoundToken(fixture, "stateless", key).Token;

        using var response = await DpopCalls.PostAsync(Url, token, McpHttp.ListTools(1), DpopCalls.Proof(key, Url, token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(await McpHttp.ToolNamesAsync(response, 1));
        Assert.False(response.Headers.Contains("DPoP-Nonce"));
    }

    [Fact]
    public async Task DpopToken_RepeatedCalls_VerifyTheTokenOnce_AndEachProof()
    {
        var token = DpopCalls.BoundToken(fixture, "stateless", key).Token;
        var before = fixture.Validations["verified"];

        for (var i = 0; i < 3; i++)
        {
            using var response = await DpopCalls.PostAsync(Url, token, McpHttp.ListTools(i), DpopCalls.Proof(key, Url, token));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(before + 1, fixture.Validations["verified"]);
    }

    [Fact]
    public async Task DpopToken_SentAsBearer_Is401InvalidToken_OfferingDpop()
    {
        var token = DpopCalls.BoundToken(fixture, "stateless", key).Token;

        using var response = await McpHttp.PostAsync(Url, token, McpHttp.ListTools(1));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenges = response.Headers.GetValues("WWW-Authenticate").ToList();
        Assert.StartsWith("Bearer error=\"invalid_token\"", challenges[0], StringComparison.Ordinal);
        Assert.StartsWith("DPoP algs=\"ES256 EdDSA Ed25519 PS256 RS256\"", challenges[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task StolenToken_WithAProofOfAnotherKey_Is401InvalidToken()
    {
        var token = DpopCalls.BoundToken(fixture, "stateless", key).Token;
        using var thief = EcdsaJwsKey.Generate("thief");

        using var response = await DpopCalls.PostAsync(Url, token, McpHttp.ListTools(1), DpopCalls.Proof(thief, Url, token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("DPoP error=\"invalid_token\", algs=", DpopCalls.Challenge(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplayedProof_Is401InvalidDpopProof()
    {
        var token = DpopCalls.BoundToken(fixture, "stateless", key).Token;
        var proof = DpopCalls.Proof(key, Url, token);
        using var first = await DpopCalls.PostAsync(Url, token, McpHttp.ListTools(1), proof);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using var replay = await DpopCalls.PostAsync(Url, token, McpHttp.ListTools(2), proof);

        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.StartsWith("DPoP error=\"invalid_dpop_proof\"", DpopCalls.Challenge(replay), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProofWithAthOfAnotherToken_Is401InvalidDpopProof()
    {
        var token = DpopCalls.BoundToken(fixture, "stateless", key).Token;
        var other = DpopCalls.BoundToken(fixture, "stateless", key).Token;

        using var response = await DpopCalls.PostAsync(Url, token, McpHttp.ListTools(1), DpopCalls.Proof(key, Url, other));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("error=\"invalid_dpop_proof\", error_description=\"The DPoP proof's ath does not match the access token.\"", DpopCalls.Challenge(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "stateless")]
    [InlineData("POST", "notes")]
    public async Task ProofForAnotherMethodOrUpstream_Is401InvalidDpopProof(string method, string upstream)
    {
        var token = DpopCalls.BoundToken(fixture, "stateless", key).Token;

        using var response = await DpopCalls.PostAsync(Url, token, McpHttp.ListTools(1), DpopCalls.Proof(key, fixture.Endpoint(upstream), token, method));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("DPoP error=\"invalid_dpop_proof\"", DpopCalls.Challenge(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DpopToken_WithoutProofOrWithTwo_Is401InvalidDpopProof()
    {
        var token = DpopCalls.BoundToken(fixture, "stateless", key).Token;

        using var none = await DpopCalls.PostAsync(Url, token, McpHttp.ListTools(1));
        using var two = await DpopCalls.PostAsync(Url, token, McpHttp.ListTools(1), DpopCalls.Proof(key, Url, token), DpopCalls.Proof(key, Url, token));

        Assert.StartsWith("DPoP error=\"invalid_dpop_proof\"", DpopCalls.Challenge(none), StringComparison.Ordinal);
        Assert.StartsWith("DPoP error=\"invalid_dpop_proof\"", DpopCalls.Challenge(two), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BearerToken_SentWithTheDpopScheme_Is401InvalidToken()
    {
        var token = fixture.Token("stateless").Token;

        using var response = await DpopCalls.PostAsync(Url, token, McpHttp.ListTools(1), DpopCalls.Proof(key, Url, token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("DPoP error=\"invalid_token\"", DpopCalls.Challenge(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BearerToken_StillWorks_WhenDpopIsNotRequired()
    {
        using var response = await McpHttp.PostAsync(Url, fixture.Token("stateless").Token, McpHttp.ListTools(1));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task DpopCaller_NeedingMoreScope_Gets403WithADpopChallenge()
    {
        using (var known = await McpHttp.PostAsync(Url, fixture.Token("stateless", "mcp:destructive").Token, McpHttp.ListTools(99)))
        {
            _ = await McpHttp.MessagesAsync(known);
        }

        var token = DpopCalls.BoundToken(fixture, "stateless", key).Token;

        using var response = await DpopCalls.PostAsync(Url, token, McpHttp.Call(2, "write_note", new { id = "n1", text = "x" }), DpopCalls.Proof(key, Url, token));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.StartsWith("DPoP error=\"insufficient_scope\", scope=\"mcp:read mcp:write\"", DpopCalls.Challenge(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResourceMetadata_AdvertisesDpop_NotRequired()
    {
        using var response = await McpHttp.Client.GetAsync(fixture.Server.BaseUrl + "/.well-known/oauth-protected-resource/mcp/stateless");
        var body = await Mandate.Server.Tests.Support.OAuthHttp.JsonAsync(response);

        Assert.Equal(["ES256", "EdDSA", "Ed25519", "PS256", "RS256"], body.GetProperty("dpop_signing_alg_values_supported").EnumerateArray().Select(a => a.GetString()));
        Assert.False(body.GetProperty("dpop_bound_access_tokens_required").GetBoolean());
    }
}
