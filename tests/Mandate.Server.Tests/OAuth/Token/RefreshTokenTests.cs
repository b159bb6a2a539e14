using System.Net;
using Mandate.Server.Tests.Support;

namespace Mandate.Server.Tests.OAuth.Token;

/// <summary>Rotation, narrowing, binding to the client, and the grace period for a lost response (default 30 s).</summary>
public sealed class RefreshTokenTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Refresh_Rotates_AndKeepsTheGrant()
    {
        var (client, refresh) = await RefreshTokenAsync("tools.read tools.call");

        var response = await OAuthHttp.RefreshAsync(fixture.Issuer, refresh, client);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = await OAuthHttp.JsonAsync(response);
        Assert.NotEqual(refresh, body.GetProperty("refresh_token").GetString());
        Assert.Equal("tools.read tools.call", body.GetProperty("scope").GetString());
        Assert.Equal(600, body.GetProperty("expires_in").GetInt32());
    }

    [Fact]
    public async Task Refresh_MayNarrowTheScope()
    {
        var (client, refresh) = await RefreshTokenAsync("tools.read tools.call");

        var response = await OAuthHttp.TokenAsync(fixture.Issuer, null, ("grant_type", "refresh_token"), ("refresh_token", refresh), ("client_id", client), ("scope", "tools.call"));

        Assert.Equal("tools.call", (await OAuthHttp.JsonAsync(response)).GetProperty("scope").GetString());
    }

    [Fact]
    public async Task Refresh_MayNotWidenTheScope_AndTheTokenStillWorksAfterwards()
    {
        var (client, refresh) = await RefreshTokenAsync("tools.read");

        var wider = await OAuthHttp.TokenAsync(fixture.Issuer, null, ("grant_type", "refresh_token"), ("refresh_token", refresh), ("client_id", client), ("scope", "tools.read tools.call"));

        Assert.Equal("invalid_scope", await OAuthHttp.ErrorAsync(wider));
        Assert.Equal(HttpStatusCode.OK, (await OAuthHttp.RefreshAsync(fixture.Issuer, refresh, client)).StatusCode);
    }

    [Fact]
    public async Task Refresh_ForAnotherResource_IsInvalidTarget()
    {
        var (client, refresh) = await RefreshTokenAsync("tools.read");

        var response = await OAuthHttp.TokenAsync(fixture.Issuer, null, ("grant_type", "refresh_token"), ("refresh_token", refresh), ("client_id", client), ("resource", ServerFixture.OtherResource));

        Assert.Equal("invalid_target", await OAuthHttp.ErrorAsync(response));
    }

    [Fact]
    public async Task Refresh_ByAnotherClient_IsInvalidGrant_AndLeavesTheTokenToItsOwner()
    {
        var (client, refresh) = await RefreshTokenAsync("tools.read");
        var thief = await fixture.NewPublicClientAsync();

        var stolen = await OAuthHttp.RefreshAsync(fixture.Issuer, refresh, thief.ClientId);

        Assert.Equal("invalid_grant", await OAuthHttp.ErrorAsync(stolen));
        Assert.Equal(HttpStatusCode.OK, (await OAuthHttp.RefreshAsync(fixture.Issuer, refresh, client)).StatusCode);
    }

    [Fact]
    public async Task Refresh_WithoutClientId_IsInvalidClient()
    {
        var (_, refresh) = await RefreshTokenAsync("tools.read");

        var response = await OAuthHttp.TokenAsync(fixture.Issuer, null, ("grant_type", "refresh_token"), ("refresh_token", refresh));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", await OAuthHttp.ErrorAsync(response));
    }

    [Fact]
    public async Task RetryWithinGrace_IssuesANewToken_AndRevokesTheLostOne()
    {
        var (client, first) = await RefreshTokenAsync("tools.read");
        var lost = (await OAuthHttp.JsonAsync(await OAuthHttp.RefreshAsync(fixture.Issuer, first, client))).GetProperty("refresh_token").GetString()!;

        var retry = await OAuthHttp.RefreshAsync(fixture.Issuer, first, client);

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var replacement = (await OAuthHttp.JsonAsync(retry)).GetProperty("refresh_token").GetString()!;
        Assert.NotEqual(lost, replacement);
        Assert.Equal("invalid_grant", await OAuthHttp.ErrorAsync(await OAuthHttp.RefreshAsync(fixture.Issuer, lost, client)));
        Assert.Equal(HttpStatusCode.OK, (await OAuthHttp.RefreshAsync(fixture.Issuer, replacement, client)).StatusCode);
    }

    [Fact]
    public async Task GraceRetry_IsGrantedOnce()
    {
        var (client, first) = await RefreshTokenAsync("tools.read");
        await OAuthHttp.RefreshAsync(fixture.Issuer, first, client);
        Assert.Equal(HttpStatusCode.OK, (await OAuthHttp.RefreshAsync(fixture.Issuer, first, client)).StatusCode);

        var again = await OAuthHttp.RefreshAsync(fixture.Issuer, first, client);

        Assert.Equal("invalid_grant", await OAuthHttp.ErrorAsync(again));
    }

    [Fact]
    public async Task ReuseAfterTheReplacementWasUsed_RevokesTheFamily_EvenWithinGrace()
    {
        var (client, first) = await RefreshTokenAsync("tools.read");
        var second = (await OAuthHttp.JsonAsync(await OAuthHttp.RefreshAsync(fixture.Issuer, first, client))).GetProperty("refresh_token").GetString()!;
        var third = (await OAuthHttp.JsonAsync(await OAuthHttp.RefreshAsync(fixture.Issuer, second, client))).GetProperty("refresh_token").GetString()!;

        var reuse = await OAuthHttp.RefreshAsync(fixture.Issuer, first, client);

        Assert.Equal("invalid_grant", await OAuthHttp.ErrorAsync(reuse));
        Assert.Equal("invalid_grant", await OAuthHttp.ErrorAsync(await OAuthHttp.RefreshAsync(fixture.Issuer, third, client)));
    }

    private async Task<(string Client, string Refresh)> RefreshTokenAsync(string scope)
    {
        var client = await fixture.NewPublicClientAsync();
        var tokens = await TestFlow.TokensAsync(fixture.Issuer, client.ClientId, scope: scope, browser: fixture.Browser);
        return (client.ClientId, tokens.GetProperty("refresh_token").GetString()!);
    }
}
