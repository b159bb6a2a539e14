using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Mandate.Client.Dpop;
using Mandate.Client.Tests.Support;
using Mandate.Protocol.Dpop;
using Mandate.Protocol.Jose;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Client.Tests.Dpop;

public sealed class DpopHandlerTests : IDisposable
{
    private const string TokenEndpoint = "https://as.example.com/token";
    private const string Resource = "https://rs.example.com/mcp/notes";
    private const string AccessToken = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln";
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private readonly DpopKey key = DpopKey.Generate();
    private readonly ScriptedHandler network = new();
    private readonly FakeTimeProvider time = new(Now);

    public static TheoryData<string> Algorithms => ["ES256", "EdDSA", "PS256"];

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task TokenRequest_CarriesAProofOfHtmHtuAndIat_WithoutAth(string algorithm)
    {
        using var other = DpopKey.Generate(algorithm);
        using var client = Client(other);

        await client.PostAsync(new Uri(TokenEndpoint + "?x=1#frag"), Form(("grant_type", "client_credentials")));

        var proof = Assert.Single(network.Requests).Proof;
        var result = new DpopProofValidator().Validate(proof, new DpopProofContext("POST", TokenEndpoint), Now);
        Assert.True(result.IsValid, result.Failure.ToString());
        Assert.Equal(other.Thumbprint, result.Thumbprint);
        Assert.Equal(Now, result.IssuedAt);
        var claims = CompactJws.TryParse(proof)!;
        Assert.Equal(TokenEndpoint, claims.GetClaim("htu"));
        Assert.Null(claims.GetClaim("ath"));
        Assert.Null(claims.GetClaim("nonce"));
    }

    [Fact]
    public async Task BasicClientAuthentication_StillGetsAProof_WithoutAth()
    {
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, TokenEndpoint) { Content = Form(("grant_type", "client_credentials")) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "Y2xpZW50OnNlY3JldA==");

        await client.SendAsync(request);

        var proof = Assert.Single(network.Requests).Proof;
        Assert.NotNull(proof);
        Assert.Null(CompactJws.TryParse(proof)!.GetClaim("ath"));
    }

    [Fact]
    public async Task ResourceRequest_WithADpopToken_CarriesAthOfThatToken()
    {
        using var client = Client();

        await client.SendAsync(ResourceRequest("DPoP"));

        var sent = Assert.Single(network.Requests);
        Assert.Equal("DPoP " + AccessToken, sent.Authorization);
        var result = new DpopProofValidator().Validate(sent.Proof, new DpopProofContext("GET", Resource) { AccessToken = AccessToken }, Now);
        Assert.True(result.IsValid, result.Failure.ToString());
        Assert.Equal(AccessTokenHash.Compute(AccessToken), CompactJws.TryParse(sent.Proof)!.GetClaim("ath"));
    }

    [Fact]
    public async Task BearerRequest_PassesUntouched_WithoutAProof()
    {
        using var client = Client();

        await client.SendAsync(ResourceRequest("Bearer"));

        var sent = Assert.Single(network.Requests);
        Assert.Equal("Bearer " + AccessToken, sent.Authorization);
        Assert.Empty(sent.Proofs);
    }

    [Fact]
    public async Task BearerRequest_WithUpgrade_IsSentAsDpopWithAth()
    {
        using var client = Client(options: new DpopHandlerOptions { UpgradeBearerTokens = true, TimeProvider = time });

        await client.SendAsync(ResourceRequest("Bearer"));

        var sent = Assert.Single(network.Requests);
        Assert.Equal("DPoP " + AccessToken, sent.Authorization);
        Assert.True(new DpopProofValidator().Validate(sent.Proof, new DpopProofContext("GET", Resource) { AccessToken = AccessToken }, Now).IsValid);
    }

    [Fact]
    public async Task EveryRequest_GetsItsOwnProof()
    {
        using var client = Client();

        await client.GetAsync(new Uri(Resource));
        await client.GetAsync(new Uri(Resource));

        var ids = network.Requests.Select(r => CompactJws.TryParse(r.Proof)!.GetClaim("jti")).ToList();
        Assert.Equal(2, ids.Distinct().Count());
        Assert.All(network.Requests, r => Assert.Single(r.Proofs));
    }

    [Fact]
    public async Task TokenEndpointNonceChallenge_IsRetriedOnce_WithTheNonce_AndTheSameBody()
    {
        network.Then(HttpStatusCode.BadRequest, """{"error":"use_dpop_nonce","error_description":"Use a nonce."}""", ("DPoP-Nonce", "n-1"))
            .Then(HttpStatusCode.OK, """{"access_token":"t","token_type":"DPoP"}""");
        using var client = Client();

        using var response = await client.PostAsync(new Uri(TokenEndpoint), Form(("grant_type", "client_credentials"), ("scope", "a b")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, network.Requests.Count);
        Assert.Equal(network.Requests[0].Body, network.Requests[1].Body);
        Assert.Equal("grant_type=client_credentials&scope=a+b", network.Requests[1].Body);
        var retry = CompactJws.TryParse(network.Requests[1].Proof)!;
        Assert.Equal("n-1", retry.GetClaim("nonce"));
        Assert.NotEqual(CompactJws.TryParse(network.Requests[0].Proof)!.GetClaim("jti"), retry.GetClaim("jti"));
        var accepted = new DpopProofContext("POST", TokenEndpoint) { AcceptedNonces = ["n-1"] };
        Assert.True(new DpopProofValidator().Validate(network.Requests[1].Proof, accepted, Now).IsValid);
    }

    [Fact]
    public async Task ResourceNonceChallenge_IsRetriedOnce_WithNonceAndAth()
    {
        network.Then(HttpStatusCode.Unauthorized, null, ("WWW-Authenticate", "DPoP error=\"use_dpop_nonce\", error_description=\"Resource server requires nonce in DPoP proof\""), ("DPoP-Nonce", "rs-nonce"));
        using var client = Client();

        using var response = await client.SendAsync(ResourceRequest("DPoP"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, network.Requests.Count);
        var context = new DpopProofContext("GET", Resource) { AccessToken = AccessToken, AcceptedNonces = ["rs-nonce"] };
        Assert.True(new DpopProofValidator().Validate(network.Requests[1].Proof, context, Now).IsValid);
    }

    [Fact]
    public async Task ResourceNonceChallenge_AmongOtherChallenges_IsFound()
    {
        network.Then(HttpStatusCode.Unauthorized, null, ("WWW-Authenticate", "Bearer resource_metadata=\"https://rs.example.com/.well-known/oauth-protected-resource\", DPoP error=\"use_dpop_nonce\", algs=\"ES256 EdDSA\""), ("DPoP-Nonce", "rs-nonce"));
        using var client = Client();

        using var response = await client.SendAsync(ResourceRequest("DPoP"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("rs-nonce", CompactJws.TryParse(network.Requests[1].Proof)!.GetClaim("nonce"));
    }

    [Fact]
    public async Task StreamBody_ThatCouldBeReadOnlyOnce_IsSentAgainOnRetry()
    {
        network.Then(HttpStatusCode.BadRequest, """{"error":"use_dpop_nonce"}""", ("DPoP-Nonce", "n-1"));
        using var client = Client();
        var body = """{"jsonrpc":"2.0","id":1,"method":"tools/list"}""";
        using var content = new StreamContent(new OneWayStream(Encoding.UTF8.GetBytes(body)));

        using var response = await client.PostAsync(new Uri(Resource), content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([body, body], network.Requests.Select(r => r.Body));
    }

    [Fact]
    public async Task SecondNonceChallenge_IsNotRetriedAgain_AndReachesTheCaller()
    {
        network.Then(HttpStatusCode.BadRequest, """{"error":"use_dpop_nonce"}""", ("DPoP-Nonce", "n-1"))
            .Then(HttpStatusCode.BadRequest, """{"error":"use_dpop_nonce"}""", ("DPoP-Nonce", "n-2"));
        using var client = Client();

        using var response = await client.PostAsync(new Uri(TokenEndpoint), Form(("grant_type", "client_credentials")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(2, network.Requests.Count);
        Assert.Contains("use_dpop_nonce", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherErrors_AreNotRetried_AndTheirBodyStaysReadable()
    {
        network.Then(HttpStatusCode.BadRequest, """{"error":"invalid_dpop_proof"}""", ("DPoP-Nonce", "n-1"))
            .Then(HttpStatusCode.Unauthorized, null, ("WWW-Authenticate", "DPoP error=\"invalid_token\""), ("DPoP-Nonce", "n-2"))
            .Then(HttpStatusCode.Unauthorized, null, ("WWW-Authenticate", "Bearer error=\"use_dpop_nonce\""), ("DPoP-Nonce", "n-3"));
        using var client = Client();

        using var first = await client.PostAsync(new Uri(TokenEndpoint), Form(("grant_type", "client_credentials")));
        using var second = await client.SendAsync(ResourceRequest("DPoP"));
        using var third = await client.SendAsync(ResourceRequest("DPoP"));

        Assert.Equal(3, network.Requests.Count);
        Assert.Equal("""{"error":"invalid_dpop_proof"}""", await first.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task NonceChallenge_WithoutANonce_IsNotRetried()
    {
        network.Then(HttpStatusCode.BadRequest, """{"error":"use_dpop_nonce"}""");
        using var client = Client();

        using var response = await client.PostAsync(new Uri(TokenEndpoint), Form(("grant_type", "client_credentials")));

        Assert.Single(network.Requests);
    }

    [Fact]
    public async Task Nonces_AreRememberedPerOrigin_FromAnyResponse()
    {
        network.Then(HttpStatusCode.OK, null, ("DPoP-Nonce", "as-nonce"));
        using var client = Client();

        await client.PostAsync(new Uri(TokenEndpoint), Form(("grant_type", "client_credentials")));
        await client.PostAsync(new Uri("https://as.example.com/other"), Form(("a", "b")));
        await client.GetAsync(new Uri(Resource));
        await client.GetAsync(new Uri("https://as.example.com:8443/token"));

        var nonces = network.Requests.Select(r => CompactJws.TryParse(r.Proof)!.GetClaim("nonce")).ToList();
        Assert.Equal([null, "as-nonce", null, null], nonces);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("quote\"d")]
    [InlineData("")]
    public async Task MalformedNonces_AreIgnored(string nonce)
    {
        network.Then(HttpStatusCode.OK, null, ("DPoP-Nonce", nonce));
        using var client = Client();

        await client.GetAsync(new Uri(Resource));
        await client.GetAsync(new Uri(Resource));

        Assert.Null(CompactJws.TryParse(network.Requests[1].Proof)!.GetClaim("nonce"));
    }

    public void Dispose()
    {
        key.Dispose();
        network.Dispose();
    }

    private HttpClient Client(DpopKey? proofKey = null, DpopHandlerOptions? options = null) =>
        new(new DpopHandler(proofKey ?? key, network, options ?? new DpopHandlerOptions { TimeProvider = time }), disposeHandler: false);

    private static HttpRequestMessage ResourceRequest(string scheme)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Resource);
        request.Headers.Authorization = new AuthenticationHeaderValue(scheme, AccessToken);
        return request;
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
}
