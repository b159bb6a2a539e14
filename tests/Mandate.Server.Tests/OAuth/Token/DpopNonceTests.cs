using System.Net;
using Mandate.Protocol.Dpop;
using Mandate.Protocol.Jose;
using Mandate.Server.Tests.Support;

namespace Mandate.Server.Tests.OAuth.Token;

/// <summary>RFC 9449 section 8: the authorization server's nonce dance with Dpop:RequireNonce.</summary>
public sealed class DpopNonceTests(DpopNonceServerFixture fixture) : IClassFixture<DpopNonceServerFixture>, IDisposable
{
    private readonly EcdsaJwsKey key = EcdsaJwsKey.Generate("client");

    public void Dispose() => key.Dispose();

    private Task<HttpResponseMessage> ClientCredentialsAsync(string proof) =>
        DpopHttp.TokenAsync(fixture.Issuer, OAuthHttp.Basic(fixture.Confidential.ClientId, fixture.ConfidentialSecret), [proof],
            ("grant_type", "client_credentials"), ("resource", TestFlow.Resource));

    [Fact]
    public async Task ProofWithoutNonce_Gets400UseDpopNonce_ThenTheRetryIsIssued_WithTheNextNonce()
    {
        var builder = new DpopProofBuilder(key);

        using var first = await ClientCredentialsAsync(DpopHttp.Proof(builder, fixture.Issuer));

        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        Assert.Equal("use_dpop_nonce", await OAuthHttp.ErrorAsync(first));
        var nonce = Assert.Single(first.Headers.GetValues("DPoP-Nonce"));

        using var retry = await ClientCredentialsAsync(DpopHttp.Proof(builder, fixture.Issuer, nonce));

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("DPoP", (await OAuthHttp.JsonAsync(retry)).GetProperty("token_type").GetString());
        Assert.Equal(nonce, Assert.Single(retry.Headers.GetValues("DPoP-Nonce")));
    }

    [Fact]
    public async Task MadeUpNonce_Gets400UseDpopNonce()
    {
        using var response = await ClientCredentialsAsync(DpopHttp.Proof(new DpopProofBuilder(key), fixture.Issuer, "made-up"));

        Assert.Equal("use_dpop_nonce", await OAuthHttp.ErrorAsync(response));
        Assert.True(response.Headers.Contains("DPoP-Nonce"));
    }

    [Fact]
    public async Task NonceRefusal_DoesNotSpendTheAuthorizationCode()
    {
        var client = await fixture.NewPublicClientAsync();
        var pkce = Mandate.Testing.PkcePair.Create();
        var code = await TestFlow.GetCodeAsync(fixture.Browser, TestFlow.AuthorizeUrl(fixture.Issuer, client.ClientId, pkce));
        var builder = new DpopProofBuilder(key);
        (string, string)[] fields = [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", TestFlow.Redirect), ("code_verifier", pkce.Verifier), ("client_id", client.ClientId)];

        using var first = await DpopHttp.TokenAsync(fixture.Issuer, null, [DpopHttp.Proof(builder, fixture.Issuer)], fields);
        var nonce = first.Headers.GetValues("DPoP-Nonce").Single();
        using var retry = await DpopHttp.TokenAsync(fixture.Issuer, null, [DpopHttp.Proof(builder, fixture.Issuer, nonce)], fields);

        Assert.Equal("use_dpop_nonce", await OAuthHttp.ErrorAsync(first));
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
    }

    [Fact]
    public async Task WithoutDpop_NoNonceIsSentOrNeeded()
    {
        using var response = await DpopHttp.TokenAsync(fixture.Issuer, OAuthHttp.Basic(fixture.Confidential.ClientId, fixture.ConfidentialSecret), [],
            ("grant_type", "client_credentials"), ("resource", TestFlow.Resource));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains(DpopConstants.NonceHeader));
    }
}
