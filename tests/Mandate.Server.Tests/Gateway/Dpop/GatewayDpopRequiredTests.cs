using System.Net;
using Mandate.Protocol.Jose;
using Mandate.Server.Tests.Gateway.Support;

namespace Mandate.Server.Tests.Gateway.Dpop;

/// <summary>Gateway:RequireDpop and Dpop:RequireNonce: Bearer tokens refused, nonces asked for at the resource (RFC 9449 section 9).</summary>
public sealed class GatewayDpopRequiredTests(DpopGatewayFixture fixture) : IClassFixture<DpopGatewayFixture>, IDisposable
{
    private readonly EcdsaJwsKey key = EcdsaJwsKey.Generate("client");

    private string Url => fixture.Endpoint("stateless");

    public void Dispose() => key.Dispose();

    [Fact]
    public async Task NoToken_GetsOnlyADpopChallenge()
    {
        using var response = await McpHttp.PostAsync(Url, null, McpHttp.ListTools(1));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.GetValues("WWW-Authenticate"));
        Assert.StartsWith("DPoP algs=", challenge, StringComparison.Ordinal);
        Assert.Contains("resource_metadata=", challenge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BearerToken_IsRefused()
    {
        using var response = await McpHttp.PostAsync(Url, fixture.Token("stateless").Token, McpHttp.ListTools(1));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("DPoP error=\"invalid_token\"", DpopCalls.Challenge(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProofWithoutNonce_Gets401UseDpopNonce_ThenTheRetryWithItGoesThrough()
    {
        var token = DpopCalls.BoundToken(fixture, "stateless", key).Token;

        using var first = await DpopCalls.PostAsync(Url, token, McpHttp.ListTools(1), DpopCalls.Proof(key, Url, token));

        Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        Assert.StartsWith("DPoP error=\"use_dpop_nonce\"", DpopCalls.Challenge(first), StringComparison.Ordinal);
        var nonce = Assert.Single(first.Headers.GetValues("DPoP-Nonce"));

        using var retry = await DpopCalls.PostAsync(Url, token, McpHttp.ListTools(2), DpopCalls.Proof(key, Url, token, nonce: nonce));

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(nonce, Assert.Single(retry.Headers.GetValues("DPoP-Nonce")));
    }

    [Fact]
    public async Task WrongNonce_Gets401UseDpopNonce()
    {
        var token = DpopCalls.BoundToken(fixture, "stateless", key).Token;

        using var response = await DpopCalls.PostAsync(Url, token, McpHttp.ListTools(1), DpopCalls.Proof(key, Url, token, nonce: "not-a-nonce-we-made"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("DPoP error=\"use_dpop_nonce\"", DpopCalls.Challenge(response), StringComparison.Ordinal);
        Assert.True(response.Headers.Contains("DPoP-Nonce"));
    }

    [Fact]
    public async Task ResourceMetadata_SaysDpopBoundTokensAreRequired()
    {
        using var response = await McpHttp.Client.GetAsync(fixture.Server.BaseUrl + "/.well-known/oauth-protected-resource/mcp/stateless");

        Assert.True((await Mandate.Server.Tests.Support.OAuthHttp.JsonAsync(response)).GetProperty("dpop_bound_access_tokens_required").GetBoolean());
    }
}
