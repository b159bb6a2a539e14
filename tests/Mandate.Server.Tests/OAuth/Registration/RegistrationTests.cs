using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mandate.Server.Tests.Support;
using Mandate.Testing;

namespace Mandate.Server.Tests.OAuth.Registration;

/// <summary>RFC 7591 registrations that succeed, and what the registered clients may then do.</summary>
public sealed class RegistrationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task PublicClient_Is201_WithMetadataEchoed_AndNoSecret()
    {
        var response = await RegisterAsync(new { client_name = "MCP Inspector", redirect_uris = new[] { "http://127.0.0.1:33418/callback", "com.example.app:/cb" }, token_endpoint_auth_method = "none" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var json = await OAuthHttp.JsonAsync(response);
        Assert.False(string.IsNullOrEmpty(json.GetProperty("client_id").GetString()));
        Assert.True(json.GetProperty("client_id_issued_at").GetInt64() > 1_700_000_000);
        Assert.Equal(["http://127.0.0.1:33418/callback", "com.example.app:/cb"], json.GetProperty("redirect_uris").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("none", json.GetProperty("token_endpoint_auth_method").GetString());
        Assert.Equal("MCP Inspector", json.GetProperty("client_name").GetString());
        Assert.Equal(["authorization_code"], json.GetProperty("grant_types").EnumerateArray().Select(e => e.GetString()));
        Assert.False(json.TryGetProperty("client_secret", out _));
    }

    [Theory]
    [InlineData(null, "client_secret_basic")]
    [InlineData("client_secret_basic", "client_secret_basic")]
    [InlineData("client_secret_post", "client_secret_post")]
    public async Task SecretMethods_GetAOneTimeSecret(string? method, string expected)
    {
        var response = await RegisterAsync(new Dictionary<string, object?> { ["redirect_uris"] = new[] { "https://app.example.com/cb" }, ["token_endpoint_auth_method"] = method });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await OAuthHttp.JsonAsync(response);
        Assert.Equal(expected, json.GetProperty("token_endpoint_auth_method").GetString());
        Assert.True(json.GetProperty("client_secret").GetString()!.Length >= 32);
        Assert.Equal(0, json.GetProperty("client_secret_expires_at").GetInt64());
    }

    [Fact]
    public async Task DynamicPublicClient_CompletesTheCodeFlow()
    {
        var response = await RegisterAsync(new { redirect_uris = new[] { TestFlow.Redirect }, token_endpoint_auth_method = "none", grant_types = new[] { "authorization_code", "refresh_token" } });
        var clientId = (await OAuthHttp.JsonAsync(response)).GetProperty("client_id").GetString()!;

        var tokens = await TestFlow.TokensAsync(fixture.Issuer, clientId, browser: fixture.Browser);

        Assert.False(string.IsNullOrEmpty(tokens.GetProperty("refresh_token").GetString()));
    }

    [Fact]
    public async Task DynamicConfidentialClient_CannotUseClientCredentials()
    {
        var json = await OAuthHttp.JsonAsync(await RegisterAsync(new { redirect_uris = new[] { TestFlow.Redirect } }));
        var clientId = json.GetProperty("client_id").GetString()!;
        var secret = json.GetProperty("client_secret").GetString()!;

        var response = await OAuthHttp.TokenAsync(fixture.Issuer, OAuthHttp.Basic(clientId, secret), ("grant_type", "client_credentials"), ("resource", TestFlow.Resource));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unauthorized_client", await OAuthHttp.ErrorAsync(response));
    }

    [Fact]
    public async Task PrivateKeyJwtClient_KeepsItsJwks_AndGetsNoSecret()
    {
        using var key = Protocol.Jose.EcdsaJwsKey.Generate("k1");
        var jwk = JsonSerializer.Deserialize<Dictionary<string, object?>>(Jwk(key));

        var response = await RegisterAsync(new { redirect_uris = new[] { TestFlow.Redirect }, token_endpoint_auth_method = "private_key_jwt", jwks = new { keys = new[] { jwk } } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await OAuthHttp.JsonAsync(response);
        Assert.False(json.TryGetProperty("client_secret", out _));
        Assert.Equal("k1", json.GetProperty("jwks").GetProperty("keys")[0].GetProperty("kid").GetString());
    }

    private static string Jwk(Protocol.Jose.JwsKey key)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            key.WritePublicJwk(writer);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private Task<HttpResponseMessage> RegisterAsync<T>(T metadata) => OAuthHttp.Client.PostAsJsonAsync(fixture.Issuer + "/register", metadata);
}
