using System.Net;
using System.Text.Json;
using Mandate.Server.Tests.Support;

namespace Mandate.Server.Tests.OAuth.Introspection;

/// <summary>RFC 7662 for confidential clients: what an active token says, and when a token is not active.</summary>
public sealed class IntrospectionTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task ActiveAccessToken_DescribesItself()
    {
        var tokens = await UserTokensAsync();
        var access = tokens.GetProperty("access_token").GetString()!;

        var response = await OAuthHttp.PostFormAsync(fixture.Issuer + "/introspect", [("token", access)], OAuthHttp.Basic(fixture.Confidential.ClientId, fixture.ConfidentialSecret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var json = await OAuthHttp.JsonAsync(response);
        Assert.True(json.GetProperty("active").GetBoolean());
        Assert.Equal("tools.read", json.GetProperty("scope").GetString());
        Assert.Equal(fixture.Confidential.ClientId, json.GetProperty("client_id").GetString());
        Assert.Equal(fixture.UserId, json.GetProperty("sub").GetString());
        Assert.Equal(TestFlow.Resource, json.GetProperty("aud").GetString());
        Assert.Equal(fixture.Issuer, json.GetProperty("iss").GetString());
        Assert.Equal("Bearer", json.GetProperty("token_type").GetString());
        Assert.Equal(Protocol.Jose.CompactJws.TryParse(access)!.GetClaim("jti"), json.GetProperty("jti").GetString());
        Assert.Equal(json.GetProperty("iat").GetInt64() + 600, json.GetProperty("exp").GetInt64());
    }

    [Fact]
    public async Task RefreshToken_IsDescribedToItsOwnClientOnly()
    {
        var refresh = (await UserTokensAsync()).GetProperty("refresh_token").GetString()!;
        var (other, otherSecret) = await fixture.NewConfidentialClientAsync();

        var own = await OAuthHttp.IntrospectAsync(fixture.Issuer, refresh, fixture.Confidential.ClientId, fixture.ConfidentialSecret, "refresh_token");
        var foreign = await OAuthHttp.IntrospectAsync(fixture.Issuer, refresh, other.ClientId, otherSecret, "refresh_token");

        Assert.True(own.GetProperty("active").GetBoolean());
        Assert.Equal("refresh_token", own.GetProperty("token_type").GetString());
        Assert.Equal(fixture.UserId, own.GetProperty("sub").GetString());
        Assert.Equal(TestFlow.Resource, own.GetProperty("aud").GetString());
        AssertInactive(foreign);
    }

    [Fact]
    public async Task RotatedRefreshToken_IsInactive()
    {
        var refresh = (await UserTokensAsync()).GetProperty("refresh_token").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await OAuthHttp.RefreshAsync(fixture.Issuer, refresh, fixture.Confidential.ClientId, fixture.ConfidentialSecret)).StatusCode);

        AssertInactive(await OAuthHttp.IntrospectAsync(fixture.Issuer, refresh, fixture.Confidential.ClientId, fixture.ConfidentialSecret));
    }

    [Theory]
    [InlineData("access_token", "access_token")]
    [InlineData("access_token", "refresh_token")]
    [InlineData("refresh_token", "access_token")]
    [InlineData("refresh_token", "unknown_hint")]
    public async Task WrongOrUnknownHint_StillFindsTheToken(string kind, string hint)
    {
        var token = (await UserTokensAsync()).GetProperty(kind).GetString()!;

        var json = await OAuthHttp.IntrospectAsync(fixture.Issuer, token, fixture.Confidential.ClientId, fixture.ConfidentialSecret, hint);

        Assert.True(json.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task RevokedAccessToken_IsInactive()
    {
        var access = (await UserTokensAsync()).GetProperty("access_token").GetString()!;
        var revoke = await OAuthHttp.PostFormAsync(fixture.Issuer + "/revoke", [("token", access)], OAuthHttp.Basic(fixture.Confidential.ClientId, fixture.ConfidentialSecret));
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);

        AssertInactive(await OAuthHttp.IntrospectAsync(fixture.Issuer, access, fixture.Confidential.ClientId, fixture.ConfidentialSecret));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")]
    public async Task Garbage_IsInactive(string token)
    {
        AssertInactive(await OAuthHttp.IntrospectAsync(fixture.Issuer, token, fixture.Confidential.ClientId, fixture.ConfidentialSecret));
        AssertInactive(await OAuthHttp.IntrospectAsync(fixture.Issuer, token + new string('x', 300), fixture.Confidential.ClientId, fixture.ConfidentialSecret));
    }

    [Fact]
    public async Task MissingToken_IsInvalidRequest()
    {
        var response = await OAuthHttp.PostFormAsync(fixture.Issuer + "/introspect", [("token_type_hint", "access_token")], OAuthHttp.Basic(fixture.Confidential.ClientId, fixture.ConfidentialSecret));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", await OAuthHttp.ErrorAsync(response));
    }

    [Fact]
    public async Task PublicClient_IsRefused()
    {
        var client = await fixture.NewPublicClientAsync();

        var response = await OAuthHttp.PostFormAsync(fixture.Issuer + "/introspect", [("token", "anything"), ("client_id", client.ClientId)]);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", await OAuthHttp.ErrorAsync(response));
    }

    [Fact]
    public async Task NoClientAuthentication_IsRefused()
    {
        var response = await OAuthHttp.PostFormAsync(fixture.Issuer + "/introspect", [("token", "anything")]);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", await OAuthHttp.ErrorAsync(response));
    }

    [Fact]
    public async Task WrongSecret_Is401WithBasicChallenge()
    {
        var response = await OAuthHttp.PostFormAsync(fixture.Issuer + "/introspect", [("token", "anything")], OAuthHttp.Basic(fixture.Confidential.ClientId, "wrong"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    private static void AssertInactive(JsonElement json)
    {
        Assert.False(json.GetProperty("active").GetBoolean());
        Assert.Single(json.EnumerateObject());
    }

    private Task<JsonElement> UserTokensAsync() =>
        TestFlow.TokensAsync(fixture.Issuer, fixture.Confidential.ClientId, fixture.ConfidentialSecret, browser: fixture.Browser);
}
