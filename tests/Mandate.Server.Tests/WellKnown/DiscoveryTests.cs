using System.Net;
using System.Text.Json;
using Mandate.Server.Tests.Support;

namespace Mandate.Server.Tests.WellKnown;

public sealed class DiscoveryTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData("/.well-known/oauth-authorization-server")]
    [InlineData("/.well-known/openid-configuration")]
    public async Task Metadata_AdvertisesEveryEndpointAndCapability(string path)
    {
        var response = await OAuthHttp.Client.GetAsync(fixture.Issuer + path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var raw = await response.Content.ReadAsStringAsync();
        var issuer = fixture.Issuer;
        Assert.Contains("\"issuer\":\"" + issuer + "\"", raw, StringComparison.Ordinal);
        var json = JsonDocument.Parse(raw).RootElement;
        Assert.Equal(issuer, json.GetProperty("issuer").GetString());
        Assert.Equal(issuer + "/authorize", json.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(issuer + "/token", json.GetProperty("token_endpoint").GetString());
        Assert.Equal(issuer + "/jwks", json.GetProperty("jwks_uri").GetString());
        Assert.Equal(issuer + "/register", json.GetProperty("registration_endpoint").GetString());
        Assert.Equal(issuer + "/introspect", json.GetProperty("introspection_endpoint").GetString());
        Assert.Equal(issuer + "/revoke", json.GetProperty("revocation_endpoint").GetString());
        Assert.Equal(["S256"], Strings(json, "code_challenge_methods_supported"));
        Assert.True(json.GetProperty("authorization_response_iss_parameter_supported").GetBoolean());
        Assert.True(json.GetProperty("client_id_metadata_document_supported").GetBoolean());
        Assert.Equal(["none", "client_secret_basic", "client_secret_post", "private_key_jwt"], Strings(json, "token_endpoint_auth_methods_supported"));
        Assert.Equal(["authorization_code", "refresh_token", "client_credentials", "urn:ietf:params:oauth:grant-type:token-exchange", "urn:openid:params:grant-type:ciba"], Strings(json, "grant_types_supported"));
        Assert.Equal(["code"], Strings(json, "response_types_supported"));
        Assert.Equal(["ES256"], Strings(json, "access_token_signing_alg_values_supported"));
        Assert.Equal(path.Contains("openid", StringComparison.Ordinal), json.TryGetProperty("subject_types_supported", out _));
        Assert.Equal(issuer + "/par", json.GetProperty("pushed_authorization_request_endpoint").GetString());
        Assert.False(json.GetProperty("require_pushed_authorization_requests").GetBoolean());
        Assert.Equal(["mandate"], Strings(json, "authorization_details_types_supported"));
    }

    [Fact]
    public async Task Metadata_ScopesSupported_AreTheRegisteredResourcesScopes()
    {
        var json = await OAuthHttp.JsonAsync(await OAuthHttp.Client.GetAsync(fixture.Issuer + "/.well-known/oauth-authorization-server"));

        var scopes = Strings(json, "scopes_supported");
        Assert.Contains("tools.read", scopes);
        Assert.Contains("tools.call", scopes);
        Assert.Contains("files.read", scopes);
        Assert.Equal(scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal), scopes);
    }

    [Fact]
    public async Task Jwks_PublishesPublicSigningKeysOnly()
    {
        var response = await OAuthHttp.Client.GetAsync(fixture.Issuer + "/jwks");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/jwk-set+json", response.Content.Headers.ContentType?.MediaType);
        var keys = (await OAuthHttp.JsonAsync(response)).GetProperty("keys").EnumerateArray().ToList();
        Assert.NotEmpty(keys);
        foreach (var key in keys)
        {
            Assert.False(string.IsNullOrEmpty(key.GetProperty("kid").GetString()));
            Assert.Equal("ES256", key.GetProperty("alg").GetString());
            Assert.Equal("sig", key.GetProperty("use").GetString());
            Assert.Equal("EC", key.GetProperty("kty").GetString());
            foreach (var secret in new[] { "d", "p", "q", "dp", "dq", "qi", "k" })
            {
                Assert.False(key.TryGetProperty(secret, out _), $"JWKS key has private member '{secret}'.");
            }
        }
    }

    [Fact]
    public async Task Metadata_WithoutIssuerPath_IsNotServedUnderAPathSuffix()
    {
        var response = await OAuthHttp.Client.GetAsync(fixture.Issuer + "/.well-known/oauth-authorization-server/tenant");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    internal static List<string> Strings(JsonElement json, string name) =>
        json.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToList();
}
