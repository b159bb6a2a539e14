using System.Net;
using System.Net.Http.Json;
using Mandate.Core.Clients;
using Mandate.Protocol.Dpop;
using Mandate.Protocol.Jose;
using Mandate.Server.Tests.Support;
using Mandate.Testing;

namespace Mandate.Server.Tests.OAuth.Token;

/// <summary>RFC 9449 at POST /token: DPoP-bound tokens, the proof checks, refresh binding, dpop_jkt, dpop_bound_access_tokens.</summary>
public sealed class DpopTokenTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IDisposable
{
    private readonly EcdsaJwsKey key = EcdsaJwsKey.Generate("client");

    public void Dispose() => key.Dispose();

    private DpopProofBuilder Builder => new(key);

    private Task<HttpResponseMessage> ClientCredentialsAsync(params string[] proofs) =>
        DpopHttp.TokenAsync(fixture.Issuer, OAuthHttp.Basic(fixture.Confidential.ClientId, fixture.ConfidentialSecret), proofs,
            ("grant_type", "client_credentials"), ("resource", TestFlow.Resource), ("scope", "tools.read"));

    [Fact]
    public async Task ClientCredentials_WithProof_IssuesADpopTokenBoundToTheKey()
    {
        using var response = await ClientCredentialsAsync(DpopHttp.Proof(Builder, fixture.Issuer));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await OAuthHttp.JsonAsync(response);
        Assert.Equal("DPoP", body.GetProperty("token_type").GetString());
        var token = body.GetProperty("access_token").GetString()!;
        Assert.Equal(Builder.Thumbprint, CompactJws.TryParse(token)!.Payload.GetProperty("cnf").GetProperty("jkt").GetString());
        Assert.False(response.Headers.Contains("DPoP-Nonce"));

        var introspection = await OAuthHttp.IntrospectAsync(fixture.Issuer, token, fixture.Confidential.ClientId, fixture.ConfidentialSecret);
        Assert.Equal("DPoP", introspection.GetProperty("token_type").GetString());
        Assert.Equal(Builder.Thumbprint, introspection.GetProperty("cnf").GetProperty("jkt").GetString());
    }

    [Fact]
    public async Task WithoutProof_TheTokenIsBearer()
    {
        using var response = await ClientCredentialsAsync();

        var body = await OAuthHttp.JsonAsync(response);
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.False(CompactJws.TryParse(body.GetProperty("access_token").GetString())!.Payload.TryGetProperty("cnf", out _));
    }

    [Theory]
    [InlineData("https://elsewhere.example/token")]
    [InlineData("{issuer}/authorize")]
    public async Task ProofForAnotherUrl_Is400InvalidDpopProof(string htu)
    {
        using var response = await ClientCredentialsAsync(Builder.Create("POST", htu.Replace("{issuer}", fixture.Issuer, StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_dpop_proof", await OAuthHttp.ErrorAsync(response));
    }

    [Fact]
    public async Task ProofForGet_Is400InvalidDpopProof()
    {
        using var get = await ClientCredentialsAsync(Builder.Create("GET", fixture.Issuer + "/token"));

        Assert.Equal("invalid_dpop_proof", await OAuthHttp.ErrorAsync(get));
    }

    [Fact]
    public async Task ReplayedProof_Is400InvalidDpopProof()
    {
        var proof = DpopHttp.Proof(Builder, fixture.Issuer);
        using var first = await ClientCredentialsAsync(proof);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using var replay = await ClientCredentialsAsync(proof);

        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Equal("invalid_dpop_proof", await OAuthHttp.ErrorAsync(replay));
    }

    [Fact]
    public async Task TwoDpopHeaders_Are400InvalidDpopProof()
    {
        using var response = await ClientCredentialsAsync(DpopHttp.Proof(Builder, fixture.Issuer), DpopHttp.Proof(Builder, fixture.Issuer));

        Assert.Equal("invalid_dpop_proof", await OAuthHttp.ErrorAsync(response));
    }

    [Fact]
    public async Task PublicClient_RefreshTokenIsBoundToTheKey()
    {
        var client = await fixture.NewPublicClientAsync();
        var pkce = PkcePair.Create();
        var code = await TestFlow.GetCodeAsync(fixture.Browser, TestFlow.AuthorizeUrl(fixture.Issuer, client.ClientId, pkce));
        using var issued = await DpopHttp.TokenAsync(fixture.Issuer, null, [DpopHttp.Proof(Builder, fixture.Issuer)],
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", TestFlow.Redirect), ("code_verifier", pkce.Verifier), ("client_id", client.ClientId));
        var body = await OAuthHttp.JsonAsync(issued);
        Assert.Equal("DPoP", body.GetProperty("token_type").GetString());
        var refresh = body.GetProperty("refresh_token").GetString()!;
        (string, string)[] fields = [("grant_type", "refresh_token"), ("refresh_token", refresh), ("client_id", client.ClientId)];
        using var thief = EcdsaJwsKey.Generate("thief");

        using var withoutProof = await DpopHttp.TokenAsync(fixture.Issuer, null, [], fields);
        using var otherKey = await DpopHttp.TokenAsync(fixture.Issuer, null, [DpopHttp.Proof(new DpopProofBuilder(thief), fixture.Issuer)], fields);
        using var sameKey = await DpopHttp.TokenAsync(fixture.Issuer, null, [DpopHttp.Proof(Builder, fixture.Issuer)], fields);

        Assert.Equal("invalid_dpop_proof", await OAuthHttp.ErrorAsync(withoutProof));
        Assert.Equal("invalid_grant", await OAuthHttp.ErrorAsync(otherKey));
        Assert.Equal(HttpStatusCode.OK, sameKey.StatusCode);
        Assert.Equal("DPoP", (await OAuthHttp.JsonAsync(sameKey)).GetProperty("token_type").GetString());
    }

    [Fact]
    public async Task CodeBoundWithDpopJkt_NeedsThatKey()
    {
        var client = await fixture.NewPublicClientAsync();
        using var other = EcdsaJwsKey.Generate("other");
        var pkce = PkcePair.Create();
        var url = TestFlow.AuthorizeUrl(fixture.Issuer, client.ClientId, pkce, extra: [("dpop_jkt", Builder.Thumbprint)]);
        var code = await TestFlow.GetCodeAsync(fixture.Browser, url);

        using var response = await DpopHttp.TokenAsync(fixture.Issuer, null, [DpopHttp.Proof(new DpopProofBuilder(other), fixture.Issuer)],
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", TestFlow.Redirect), ("code_verifier", pkce.Verifier), ("client_id", client.ClientId));

        Assert.Equal("invalid_grant", await OAuthHttp.ErrorAsync(response));
    }

    [Fact]
    public async Task MalformedDpopJkt_IsRedirectedAsInvalidRequest()
    {
        var client = await fixture.NewPublicClientAsync();
        var url = TestFlow.AuthorizeUrl(fixture.Issuer, client.ClientId, PkcePair.Create(), extra: [("dpop_jkt", "not-a-thumbprint")]);

        using var response = await OAuthHttp.Client.GetAsync(url);

        Assert.Equal("invalid_request", TestFlow.Callback(response)["error"]);
    }

    [Fact]
    public async Task ClientRegisteredWithDpopBoundAccessTokens_WithoutProof_IsRefused()
    {
        var (client, secret) = await fixture.Server.AddClientAsync(new ClientMetadata
        {
            ClientName = "DPoP only",
            GrantTypes = [GrantTypes.ClientCredentials],
            TokenEndpointAuthMethod = TokenEndpointAuthMethods.ClientSecretBasic,
            Scope = "tools.read",
            DpopBoundAccessTokens = true,
        });
        Assert.True(client.RequireDpop);
        (string, string)[] fields = [("grant_type", "client_credentials"), ("resource", TestFlow.Resource)];

        using var without = await DpopHttp.TokenAsync(fixture.Issuer, OAuthHttp.Basic(client.ClientId, secret!), [], fields);
        using var with = await DpopHttp.TokenAsync(fixture.Issuer, OAuthHttp.Basic(client.ClientId, secret!), [DpopHttp.Proof(Builder, fixture.Issuer)], fields);

        Assert.Equal(HttpStatusCode.BadRequest, without.StatusCode);
        Assert.Equal("invalid_dpop_proof", await OAuthHttp.ErrorAsync(without));
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
    }

    [Fact]
    public async Task DynamicRegistration_WithDpopBoundAccessTokens_IsEchoed_AndEnforced()
    {
        using var registered = await OAuthHttp.Client.PostAsJsonAsync(fixture.Issuer + "/register", new Dictionary<string, object>
        {
            ["redirect_uris"] = new[] { TestFlow.Redirect },
            ["token_endpoint_auth_method"] = "none",
            ["grant_types"] = new[] { "authorization_code", "refresh_token" },
            ["dpop_bound_access_tokens"] = true,
        });
        var json = await OAuthHttp.JsonAsync(registered);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.True(json.GetProperty("dpop_bound_access_tokens").GetBoolean());

        using var refresh = await DpopHttp.TokenAsync(fixture.Issuer, null, [],
            ("grant_type", "refresh_token"), ("refresh_token", "whatever"), ("client_id", json.GetProperty("client_id").GetString()!));

        Assert.Equal("invalid_dpop_proof", await OAuthHttp.ErrorAsync(refresh));
    }

    [Fact]
    public async Task Discovery_ListsTheDpopAlgorithms()
    {
        var metadata = await OAuthHttp.JsonAsync(await OAuthHttp.Client.GetAsync(fixture.Issuer + "/.well-known/oauth-authorization-server"));

        Assert.Equal(["ES256", "EdDSA", "Ed25519", "PS256", "RS256"], metadata.GetProperty("dpop_signing_alg_values_supported").EnumerateArray().Select(a => a.GetString()));
    }
}
