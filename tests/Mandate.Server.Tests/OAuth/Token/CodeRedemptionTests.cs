using System.Net;
using Mandate.Server.Tests.Support;
using Mandate.Testing;

namespace Mandate.Server.Tests.OAuth.Token;

/// <summary>Codes are single-use and bound to their client, redirect URI and PKCE challenge.</summary>
public sealed class CodeRedemptionTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task ReplayedCode_IsRefused_AndRevokesWhatTheFirstUseIssued()
    {
        var client = await fixture.NewPublicClientAsync();
        var pkce = PkcePair.Create();
        var code = await TestFlow.GetCodeAsync(fixture.Browser, TestFlow.AuthorizeUrl(fixture.Issuer, client.ClientId, pkce));
        var first = await OAuthHttp.JsonAsync(await TestFlow.RedeemAsync(fixture.Issuer, code, pkce, client.ClientId));
        var access = first.GetProperty("access_token").GetString()!;
        var refresh = first.GetProperty("refresh_token").GetString()!;
        Assert.True(await IsActiveAsync(access));

        var replay = await TestFlow.RedeemAsync(fixture.Issuer, code, pkce, client.ClientId);

        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Equal("invalid_grant", await OAuthHttp.ErrorAsync(replay));
        Assert.False(await IsActiveAsync(access));
        var refreshed = await OAuthHttp.RefreshAsync(fixture.Issuer, refresh, client.ClientId);
        Assert.Equal("invalid_grant", await OAuthHttp.ErrorAsync(refreshed));
    }

    [Fact]
    public async Task WrongVerifier_IsInvalidGrant_AndBurnsTheCode()
    {
        var (client, code, pkce) = await CodeAsync();

        var wrong = await TestFlow.RedeemAsync(fixture.Issuer, code, PkcePair.Create(), client);
        var retry = await TestFlow.RedeemAsync(fixture.Issuer, code, pkce, client);

        Assert.Equal("invalid_grant", await OAuthHttp.ErrorAsync(wrong));
        Assert.Equal("invalid_grant", await OAuthHttp.ErrorAsync(retry));
    }

    [Fact]
    public async Task VerifierOfAnotherFlow_IsInvalidGrant()
    {
        var (client, code, _) = await CodeAsync();
        var (_, _, otherPkce) = await CodeAsync(client);

        var response = await TestFlow.RedeemAsync(fixture.Issuer, code, otherPkce, client);

        Assert.Equal("invalid_grant", await OAuthHttp.ErrorAsync(response));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("too-short")]
    [InlineData("this verifier has spaces in it and is long enough to pass the length rule")]
    public async Task MissingOrMalformedVerifier_IsInvalidRequest(string? verifier)
    {
        var (client, code, _) = await CodeAsync();
        var fields = new List<(string, string)> { ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", TestFlow.Redirect), ("client_id", client) };
        if (verifier is not null)
        {
            fields.Add(("code_verifier", verifier));
        }

        var response = await OAuthHttp.PostFormAsync(fixture.Issuer + "/token", fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", await OAuthHttp.ErrorAsync(response));
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/other")]
    [InlineData("http://127.0.0.1:10/callback")]
    [InlineData(null)]
    public async Task RedirectUriDifferentFromAuthorization_IsInvalidGrant(string? redirect)
    {
        var (client, code, pkce) = await CodeAsync();
        var fields = new List<(string, string)> { ("grant_type", "authorization_code"), ("code", code), ("code_verifier", pkce.Verifier), ("client_id", client) };
        if (redirect is not null)
        {
            fields.Add(("redirect_uri", redirect));
        }

        var response = await OAuthHttp.PostFormAsync(fixture.Issuer + "/token", fields);

        Assert.Equal("invalid_grant", await OAuthHttp.ErrorAsync(response));
    }

    [Fact]
    public async Task CodeOfAnotherClient_IsInvalidGrant()
    {
        var (_, code, pkce) = await CodeAsync();
        var thief = await fixture.NewPublicClientAsync();

        var response = await TestFlow.RedeemAsync(fixture.Issuer, code, pkce, thief.ClientId);

        Assert.Equal("invalid_grant", await OAuthHttp.ErrorAsync(response));
    }

    [Fact]
    public async Task UnknownCode_IsInvalidGrant()
    {
        var client = await fixture.NewPublicClientAsync();

        var response = await TestFlow.RedeemAsync(fixture.Issuer, "no-such-code", PkcePair.Create(), client.ClientId);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_grant", await OAuthHttp.ErrorAsync(response));
    }

    private async Task<(string Client, string Code, PkcePair Pkce)> CodeAsync(string? clientId = null)
    {
        clientId ??= (await fixture.NewPublicClientAsync()).ClientId;
        var pkce = PkcePair.Create();
        var code = await TestFlow.GetCodeAsync(fixture.Browser, TestFlow.AuthorizeUrl(fixture.Issuer, clientId, pkce));
        return (clientId, code, pkce);
    }

    private Task<bool> IsActiveAsync(string token) =>
        OAuthHttp.IsActiveAsync(fixture.Issuer, token, fixture.Confidential.ClientId, fixture.ConfidentialSecret);
}
