using System.Net;
using Mandate.Core.Tokens;
using Mandate.Server.Tests.Gateway.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.Tests.Gateway;

/// <summary>
/// What the caches must not hide: a cached token still expires on time, a revocation is noticed within
/// Gateway:RevocationCheckInterval, and an idle session is forgotten. Tests here move the server's clock, so they share
/// nothing with other classes and run one after another.
/// </summary>
public sealed class TokenLifetimeTests(FakeClockGatewayFixture fixture) : IClassFixture<FakeClockGatewayFixture>
{
    [Fact]
    public async Task CachedToken_StopsWorkingWhenItExpires()
    {
        var issued = fixture.Token("stateless");
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(issued.Token));

        // Past the expiry and the 30 s of clock skew every Mandate resource server allows.
        fixture.Clock.Advance(issued.ExpiresAt - fixture.Clock.GetUtcNow() + TimeSpan.FromSeconds(31));

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(issued.Token));
    }

    [Fact]
    public async Task RevokedToken_IsRefused_OnceTheNotRevokedAnswerIsStale()
    {
        var issued = fixture.Token("stateless");
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(issued.Token));
        await fixture.Server.Services.GetRequiredService<IRevokedAccessTokenStore>().RevokeAsync(issued.TokenId, issued.ExpiresAt, CancellationToken.None);

        var withinInterval = await StatusAsync(issued.Token);
        fixture.Clock.Advance(TimeSpan.FromSeconds(6));
        var afterInterval = await StatusAsync(issued.Token);

        // Within the interval the gateway trusts its last look at the store (that is the point of the cache).
        Assert.Equal(HttpStatusCode.OK, withinInterval);
        Assert.Equal(HttpStatusCode.Unauthorized, afterInterval);
    }

    [Fact]
    public async Task IdleSession_IsForgotten_404()
    {
        var sessionId = await McpHttp.InitializeAsync(fixture.Endpoint("notes"), fixture.Token("notes", subject: "usr_idle", clientId: "client_idle").Token);

        fixture.Clock.Advance(TimeSpan.FromMinutes(61));
        using var response = await McpHttp.PostAsync(fixture.Endpoint("notes"), fixture.Token("notes", subject: "usr_idle", clientId: "client_idle").Token, McpHttp.ListTools(1), sessionId);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<HttpStatusCode> StatusAsync(string token)
    {
        using var response = await McpHttp.PostAsync(fixture.Endpoint("stateless"), token, McpHttp.Message(1, "ping"));
        return response.StatusCode;
    }
}
