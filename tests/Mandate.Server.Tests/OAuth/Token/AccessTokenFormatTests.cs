using System.Net;
using System.Text.Json;
using Mandate.Protocol.Jose;
using Mandate.Server.Tests.Support;
using Mandate.Testing;

namespace Mandate.Server.Tests.OAuth.Token;

/// <summary>The token response and the RFC 9068 access token, verified with the published JWKS.</summary>
public sealed class AccessTokenFormatTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task CodeGrant_ReturnsUncacheableBearerResponse_WithSignedAtJwt()
    {
        var client = await fixture.NewPublicClientAsync();
        using var browser = new BrowserSession();
        var pkce = PkcePair.Create();
        var code = await TestFlow.GetCodeAsync(browser, TestFlow.AuthorizeUrl(fixture.Issuer, client.ClientId, pkce));

        var response = await TestFlow.RedeemAsync(fixture.Issuer, code, pkce, client.ClientId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Contains("no-cache", response.Headers.Pragma.ToString(), StringComparison.Ordinal);
        var body = await OAuthHttp.JsonAsync(response);
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(600, body.GetProperty("expires_in").GetInt32());
        Assert.Equal("tools.read", body.GetProperty("scope").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("refresh_token").GetString()));

        var token = CompactJws.TryParse(body.GetProperty("access_token").GetString())!;
        Assert.Equal("at+jwt", token.Type);
        Assert.Equal("ES256", token.Algorithm);
        var key = await FindJwksKeyAsync(token.KeyId);
        Assert.True(token.VerifyWith(key), "The access token's signature does not verify with the JWKS key.");
        Assert.Equal(fixture.Issuer, token.GetClaim("iss"));
        Assert.Equal(fixture.UserId, token.GetClaim("sub"));
        Assert.Equal(TestFlow.Resource, token.GetClaim("aud"));
        Assert.Equal(client.ClientId, token.GetClaim("client_id"));
        Assert.Equal("tools.read", token.GetClaim("scope"));
        Assert.False(string.IsNullOrEmpty(token.GetClaim("jti")));
        var iat = token.GetNumericClaim("iat")!.Value;
        Assert.Equal(iat + 600, token.GetNumericClaim("exp"));
        Assert.InRange(iat, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 5);
        Assert.NotNull(token.GetNumericClaim("auth_time"));
    }

    [Fact]
    public async Task EveryTokenHasItsOwnJti()
    {
        var first = await ClientCredentialsTokenAsync();
        var second = await ClientCredentialsTokenAsync();

        Assert.NotEqual(CompactJws.TryParse(first)!.GetClaim("jti"), CompactJws.TryParse(second)!.GetClaim("jti"));
    }

    [Fact]
    public async Task ClientCredentialsToken_HasClientAsSubject_AndVerifies()
    {
        var token = CompactJws.TryParse(await ClientCredentialsTokenAsync())!;

        Assert.Equal(fixture.Confidential.ClientId, token.GetClaim("sub"));
        Assert.Equal(fixture.Confidential.ClientId, token.GetClaim("client_id"));
        Assert.True(token.VerifyWith(await FindJwksKeyAsync(token.KeyId)));
        Assert.Null(token.GetNumericClaim("auth_time"));
    }

    private async Task<string> ClientCredentialsTokenAsync()
    {
        var response = await OAuthHttp.TokenAsync(fixture.Issuer, OAuthHttp.Basic(fixture.Confidential.ClientId, fixture.ConfidentialSecret),
            ("grant_type", "client_credentials"), ("resource", TestFlow.Resource));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await OAuthHttp.JsonAsync(response)).GetProperty("access_token").GetString()!;
    }

    private async Task<JwsKey> FindJwksKeyAsync(string? keyId)
    {
        var jwks = await OAuthHttp.JsonAsync(await OAuthHttp.Client.GetAsync(fixture.Issuer + "/jwks"));
        var jwk = jwks.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("kid").GetString() == keyId);
        return JwkReader.Read(jwk) ?? throw new InvalidOperationException("Unreadable JWK.");
    }
}
