using System.Buffers;
using System.Net;
using System.Text.Json;
using Mandate.Core.Clients;
using Mandate.Protocol.Jose;
using Mandate.Server.Tests.Support;

namespace Mandate.Server.Tests.OAuth.Token;

/// <summary>private_key_jwt (RFC 7523) with an inline JWK Set: audience, signature, lifetime and one-time jti.</summary>
public sealed class PrivateKeyJwtTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IDisposable
{
    private const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private readonly EcdsaJwsKey key = EcdsaJwsKey.Generate("client-key-1");

    [Fact]
    public async Task SignedAssertion_ForTheTokenEndpoint_IssuesToken()
    {
        var client = await RegisterAsync();

        var response = await TokenAsync(client, Assertion(client, fixture.Issuer + "/token"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(client, CompactJws.TryParse((await OAuthHttp.JsonAsync(response)).GetProperty("access_token").GetString())!.GetClaim("client_id"));
    }

    [Fact]
    public async Task IssuerAsAudience_IsAccepted()
    {
        var client = await RegisterAsync();

        var response = await TokenAsync(client, Assertion(client, fixture.Issuer));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ReplayedAssertion_IsRefused()
    {
        var client = await RegisterAsync();
        var assertion = Assertion(client, fixture.Issuer + "/token");
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(client, assertion)).StatusCode);

        var replay = await TokenAsync(client, assertion);

        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal("invalid_client", await OAuthHttp.ErrorAsync(replay));
    }

    [Theory]
    [InlineData("wrong-audience")]
    [InlineData("other-endpoint")]
    [InlineData("expired")]
    [InlineData("too-long")]
    [InlineData("other-key")]
    [InlineData("wrong-subject")]
    public async Task BadAssertion_IsInvalidClient(string flaw)
    {
        var client = await RegisterAsync();
        using var otherKey = EcdsaJwsKey.Generate(key.KeyId);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var assertion = flaw switch
        {
            "wrong-audience" => Assertion(client, "https://someone-else.example/token"),
            "other-endpoint" => Assertion(client, fixture.Issuer + "/authorize"),
            "expired" => Assertion(client, fixture.Issuer + "/token", exp: now - 120),
            "too-long" => Assertion(client, fixture.Issuer + "/token", exp: now + 3600),
            "other-key" => Assertion(client, fixture.Issuer + "/token", signer: otherKey),
            _ => Assertion(client, fixture.Issuer + "/token", subject: "someone-else"),
        };

        var response = await TokenAsync(client, assertion);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", await OAuthHttp.ErrorAsync(response));
    }

    [Fact]
    public async Task WrongAssertionType_IsInvalidRequest()
    {
        var client = await RegisterAsync();

        var response = await OAuthHttp.TokenAsync(fixture.Issuer, null, ("grant_type", "client_credentials"), ("resource", TestFlow.Resource),
            ("client_assertion_type", "urn:example:other"), ("client_assertion", Assertion(client, fixture.Issuer + "/token")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", await OAuthHttp.ErrorAsync(response));
    }

    [Fact]
    public async Task SecretClient_CannotAuthenticateWithAnAssertion()
    {
        var assertion = Assertion(fixture.Confidential.ClientId, fixture.Issuer + "/token");

        var response = await TokenAsync(fixture.Confidential.ClientId, assertion);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    public void Dispose() => key.Dispose();

    private async Task<string> RegisterAsync()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("keys");
            key.WritePublicJwk(writer);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        using var jwks = JsonDocument.Parse(buffer.WrittenMemory);
        var (client, secret) = await fixture.Server.AddClientAsync(new ClientMetadata
        {
            ClientName = "Key client",
            GrantTypes = [GrantTypes.ClientCredentials],
            TokenEndpointAuthMethod = TokenEndpointAuthMethods.PrivateKeyJwt,
            Jwks = jwks.RootElement.Clone(),
            Scope = "tools.read",
        });
        Assert.Null(secret);
        return client.ClientId;
    }

    private string Assertion(string clientId, string audience, long? exp = null, JwsKey? signer = null, string? subject = null)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return CompactJws.Create(signer ?? key, "JWT", w =>
        {
            w.WriteString("iss", clientId);
            w.WriteString("sub", subject ?? clientId);
            w.WriteString("aud", audience);
            w.WriteString("jti", Guid.NewGuid().ToString("N"));
            w.WriteNumber("iat", now);
            w.WriteNumber("exp", exp ?? now + 60);
        });
    }

    private Task<HttpResponseMessage> TokenAsync(string clientId, string assertion) =>
        OAuthHttp.TokenAsync(fixture.Issuer, null, ("grant_type", "client_credentials"), ("resource", TestFlow.Resource), ("client_id", clientId),
            ("client_assertion_type", AssertionType), ("client_assertion", assertion));
}
