using System.Net;
using System.Text.Json;
using Mandate.Server.Tests.Support;

namespace Mandate.Server.Tests.OAuth.Revocation;

/// <summary>RFC 7009: always 200; a client revokes only its own tokens; a refresh token takes its family with it.</summary>
public sealed class RevocationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData("garbage", null)]
    [InlineData("garbage", "refresh_token")]
    [InlineData("a.b.c", "access_token")]
    [InlineData("x", "some_unknown_hint")]
    public async Task UnknownToken_Is200WithEmptyBody(string token, string? hint)
    {
        var fields = new List<(string, string)> { ("token", token) };
        if (hint is not null)
        {
            fields.Add(("token_type_hint", hint));
        }

        var response = await OAuthHttp.PostFormAsync(fixture.Issuer + "/revoke", fields, OAuthHttp.Basic(fixture.Confidential.ClientId, fixture.ConfidentialSecret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("access_token")]
    [InlineData("refresh_token")]
    public async Task RevokedAccessToken_BecomesInactive_WhateverTheHint(string? hint)
    {
        var access = (await TokensAsync()).GetProperty("access_token").GetString()!;
        Assert.True(await IsActiveAsync(access));

        Assert.Equal(HttpStatusCode.OK, (await RevokeAsync(access, hint)).StatusCode);

        Assert.False(await IsActiveAsync(access));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("refresh_token")]
    [InlineData("access_token")]
    public async Task RevokedRefreshToken_StopsWorking_WhateverTheHint(string? hint)
    {
        var refresh = (await TokensAsync()).GetProperty("refresh_token").GetString()!;

        Assert.Equal(HttpStatusCode.OK, (await RevokeAsync(refresh, hint)).StatusCode);

        Assert.Equal("invalid_grant", await OAuthHttp.ErrorAsync(await RefreshAsync(refresh)));
    }

    [Fact]
    public async Task RevokingAnAncestor_RevokesTheWholeFamily()
    {
        var first = (await TokensAsync()).GetProperty("refresh_token").GetString()!;
        var current = (await OAuthHttp.JsonAsync(await RefreshAsync(first))).GetProperty("refresh_token").GetString()!;

        await RevokeAsync(first, "refresh_token");

        Assert.Equal("invalid_grant", await OAuthHttp.ErrorAsync(await RefreshAsync(current)));
    }

    [Fact]
    public async Task AnotherClient_CannotRevokeTheTokens()
    {
        var tokens = await TokensAsync();
        var access = tokens.GetProperty("access_token").GetString()!;
        var refresh = tokens.GetProperty("refresh_token").GetString()!;
        var (other, otherSecret) = await fixture.NewConfidentialClientAsync();

        foreach (var token in new[] { access, refresh })
        {
            var response = await OAuthHttp.PostFormAsync(fixture.Issuer + "/revoke", [("token", token)], OAuthHttp.Basic(other.ClientId, otherSecret));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.True(await IsActiveAsync(access));
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(refresh)).StatusCode);
    }

    [Fact]
    public async Task PublicClient_RevokesItsOwnRefreshToken()
    {
        var client = await fixture.NewPublicClientAsync();
        var refresh = (await TestFlow.TokensAsync(fixture.Issuer, client.ClientId, browser: fixture.Browser)).GetProperty("refresh_token").GetString()!;

        var response = await OAuthHttp.PostFormAsync(fixture.Issuer + "/revoke", [("token", refresh), ("client_id", client.ClientId)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("invalid_grant", await OAuthHttp.ErrorAsync(await OAuthHttp.RefreshAsync(fixture.Issuer, refresh, client.ClientId)));
    }

    [Fact]
    public async Task MissingToken_IsInvalidRequest()
    {
        var response = await OAuthHttp.PostFormAsync(fixture.Issuer + "/revoke", [("token_type_hint", "access_token")], OAuthHttp.Basic(fixture.Confidential.ClientId, fixture.ConfidentialSecret));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", await OAuthHttp.ErrorAsync(response));
    }

    [Fact]
    public async Task WithoutClientAuthentication_Is401()
    {
        var response = await OAuthHttp.PostFormAsync(fixture.Issuer + "/revoke", [("token", "x")]);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", await OAuthHttp.ErrorAsync(response));
    }

    private Task<JsonElement> TokensAsync() =>
        TestFlow.TokensAsync(fixture.Issuer, fixture.Confidential.ClientId, fixture.ConfidentialSecret, browser: fixture.Browser);

    private Task<HttpResponseMessage> RevokeAsync(string token, string? hint)
    {
        var fields = new List<(string, string)> { ("token", token) };
        if (hint is not null)
        {
            fields.Add(("token_type_hint", hint));
        }

        return OAuthHttp.PostFormAsync(fixture.Issuer + "/revoke", fields, OAuthHttp.Basic(fixture.Confidential.ClientId, fixture.ConfidentialSecret));
    }

    private Task<HttpResponseMessage> RefreshAsync(string refresh) =>
        OAuthHttp.RefreshAsync(fixture.Issuer, refresh, fixture.Confidential.ClientId, fixture.ConfidentialSecret);

    private Task<bool> IsActiveAsync(string token) =>
        OAuthHttp.IsActiveAsync(fixture.Issuer, token, fixture.Confidential.ClientId, fixture.ConfidentialSecret);
}
