using System.Net;
using Mandate.Server.Tests.Support;

namespace Mandate.Server.Tests.OAuth.Token;

/// <summary>With no grace period, presenting a used refresh token revokes its whole family at once.</summary>
public sealed class RefreshReuseTests(NoGraceServerFixture fixture) : IClassFixture<NoGraceServerFixture>
{
    [Fact]
    public async Task ReusedToken_IsRefused_AndItsReplacementStopsWorking()
    {
        var (client, first) = await RefreshTokenAsync();
        var second = (await OAuthHttp.JsonAsync(await OAuthHttp.RefreshAsync(fixture.Issuer, first, client))).GetProperty("refresh_token").GetString()!;

        var reuse = await OAuthHttp.RefreshAsync(fixture.Issuer, first, client);

        Assert.Equal(HttpStatusCode.BadRequest, reuse.StatusCode);
        Assert.Equal("invalid_grant", await OAuthHttp.ErrorAsync(reuse));
        Assert.Equal("invalid_grant", await OAuthHttp.ErrorAsync(await OAuthHttp.RefreshAsync(fixture.Issuer, second, client)));
    }

    [Fact]
    public async Task RefusedScopeRequest_DoesNotBurnTheToken()
    {
        var (client, refresh) = await RefreshTokenAsync();

        var wider = await OAuthHttp.TokenAsync(fixture.Issuer, null, ("grant_type", "refresh_token"), ("refresh_token", refresh), ("client_id", client), ("scope", "files.read"));

        Assert.Equal("invalid_scope", await OAuthHttp.ErrorAsync(wider));
        Assert.Equal(HttpStatusCode.OK, (await OAuthHttp.RefreshAsync(fixture.Issuer, refresh, client)).StatusCode);
    }

    [Fact]
    public async Task RefusedResourceRequest_DoesNotBurnTheToken()
    {
        var (client, refresh) = await RefreshTokenAsync();

        var other = await OAuthHttp.TokenAsync(fixture.Issuer, null, ("grant_type", "refresh_token"), ("refresh_token", refresh), ("client_id", client), ("resource", ServerFixture.OtherResource));

        Assert.Equal("invalid_target", await OAuthHttp.ErrorAsync(other));
        Assert.Equal(HttpStatusCode.OK, (await OAuthHttp.RefreshAsync(fixture.Issuer, refresh, client)).StatusCode);
    }

    private async Task<(string Client, string Refresh)> RefreshTokenAsync()
    {
        var client = await fixture.NewPublicClientAsync();
        var tokens = await TestFlow.TokensAsync(fixture.Issuer, client.ClientId, browser: fixture.Browser);
        return (client.ClientId, tokens.GetProperty("refresh_token").GetString()!);
    }
}
