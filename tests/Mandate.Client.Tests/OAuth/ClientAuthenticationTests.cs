using System.Net;
using Mandate.Client.Dpop;
using Mandate.Client.OAuth;
using Mandate.Client.Tests.Support;
using Mandate.Protocol.Jose;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Client.Tests.OAuth;

public sealed class ClientAuthenticationTests : IDisposable
{
    private const string Endpoint = "https://as.example.com/token";
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private readonly ScriptedHandler network = new()
    {
        Otherwise = _ => ScriptedHandler.Response(HttpStatusCode.OK, """{"access_token":"t","token_type":"Bearer"}"""),
    };

    [Theory]
    [InlineData("ES256")]
    [InlineData("EdDSA")]
    [InlineData("PS256")]
    public async Task PrivateKeyJwt_SendsAnRfc7523Assertion_ForTheTokenEndpoint_Living60Seconds(string algorithm)
    {
        using var key = DpopKey.Generate(algorithm);
        using var client = new ClientCredentialsClient(Options(new PrivateKeyJwt("agent-7", key.Key, new FakeTimeProvider(Now))), network);

        await client.RequestTokenAsync(["mcp:read"], "https://rs.example.com/mcp/demo");
        await client.RequestTokenAsync(["mcp:read"], "https://rs.example.com/mcp/demo");

        var form = network.Requests[0].Form;
        Assert.Null(network.Requests[0].Authorization);
        Assert.Equal("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", form["client_assertion_type"]);
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal("mcp:read", form["scope"]);
        Assert.Equal("https://rs.example.com/mcp/demo", form["resource"]);
        var assertion = CompactJws.TryParse(form["client_assertion"])!;
        Assert.True(assertion.VerifyWith(key.Key));
        Assert.Equal(key.KeyId, assertion.KeyId);
        Assert.Equal("agent-7", assertion.GetClaim("iss"));
        Assert.Equal("agent-7", assertion.GetClaim("sub"));
        Assert.Equal(Endpoint, assertion.GetClaim("aud"));
        Assert.Equal(Now.ToUnixTimeSeconds(), assertion.GetNumericClaim("iat"));
        Assert.Equal(Now.ToUnixTimeSeconds() + 60, assertion.GetNumericClaim("exp"));
        var secondJti = CompactJws.TryParse(network.Requests[1].Form["client_assertion"])!.GetClaim("jti");
        Assert.NotEqual(assertion.GetClaim("jti"), secondJti);
    }

    [Fact]
    public void PrivateKeyJwt_NeedsAPrivateKey()
    {
        using var key = DpopKey.Generate();
        using var publicOnly = JwkReader.Read(System.Text.Json.JsonDocument.Parse(key.ExportPublicJwk()).RootElement)!;

        Assert.Throws<ArgumentException>(() => new PrivateKeyJwt("agent", publicOnly));
    }

    [Fact]
    public async Task ClientSecretPost_PutsTheCredentialsInTheBody()
    {
        using var client = new ClientCredentialsClient(Options(new ClientSecretPost("agent", "s3cret")), network);

        await client.RequestTokenAsync(null, null);

        var sent = Assert.Single(network.Requests);
        Assert.Null(sent.Authorization);
        Assert.Equal(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = "agent", ["client_secret"] = "s3cret" }, sent.Form);
    }

    [Fact]
    public async Task AnErrorEchoingTheClientSecret_HasItCutOut()
    {
        network.Then(HttpStatusCode.Unauthorized, """{"error":"invalid_client","error_description":"Secret s3cret-long-enough is wrong."}""");
        using var client = new ClientCredentialsClient(Options(new ClientSecretBasic("agent", "s3cret-long-enough")), network);

        var error = await Assert.ThrowsAsync<OAuthException>(() => client.RequestTokenAsync(null, null));

        Assert.Equal("invalid_client", error.Error);
        Assert.DoesNotContain("s3cret-long-enough", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Descriptions_NameTheClient_NotTheSecret()
    {
        Assert.DoesNotContain("s3cret", new ClientSecretBasic("agent", "s3cret").ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", new ClientSecretPost("agent", "s3cret").ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => network.Dispose();

    private static TokenClientOptions Options(ClientAuthentication authentication) => new() { TokenEndpoint = Endpoint, ClientAuthentication = authentication };
}
