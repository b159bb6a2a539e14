using System.Net;
using System.Text.Json;
using Mandate.Server.Tests.Support;

namespace Mandate.Server.Tests.OAuth.Ciba;

/// <summary>CIBA ping mode: the decision is pushed to the client's notification endpoint with its bearer token, then the client asks.</summary>
public sealed class CibaPingFlowTests(CibaFixture fixture) : IClassFixture<CibaFixture>
{
    private IServiceProvider Services => fixture.Server.Services;

    [Fact]
    public async Task Approved_PingCarriesAuthReqIdAndBearer_ThenTokens()
    {
        var (client, secret) = await fixture.NewCibaClientAsync(ping: true);
        var start = await CibaHttp.StartAsync(fixture.Issuer, client.ClientId, secret, CibaHttp.Request(("client_notification_token", "notify-me-8f3a.b~c")));
        var body = await OAuthHttp.JsonAsync(start);
        var authReqId = body.GetProperty("auth_req_id").GetString()!;
        var pending = await CibaHttp.PendingAsync(Services, client.ClientId);

        await CibaHttp.DecideAsync(Services, pending.Id, approve: true, fixture.UserId);
        var ping = await fixture.Callbacks.NextAsync(new Uri(client.BackchannelClientNotificationEndpoint!).AbsolutePath);
        var tokens = await CibaHttp.PollAsync(fixture.Issuer, client.ClientId, secret, authReqId);

        Assert.False(body.TryGetProperty("interval", out _));
        Assert.Equal("Bearer notify-me-8f3a.b~c", ping.Headers["Authorization"]);
        Assert.StartsWith("application/json", ping.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal(authReqId, JsonDocument.Parse(ping.Body).RootElement.GetProperty("auth_req_id").GetString());
        Assert.Equal(HttpStatusCode.OK, tokens.StatusCode);
    }

    [Fact]
    public async Task Denied_PingSent_ThenAccessDenied()
    {
        var (client, secret) = await fixture.NewCibaClientAsync(ping: true);
        var authReqId = await CibaHttp.AuthReqIdAsync(fixture.Issuer, client.ClientId, secret, ("client_notification_token", "tok"));
        var pending = await CibaHttp.PendingAsync(Services, client.ClientId);

        await CibaHttp.DecideAsync(Services, pending.Id, approve: false, fixture.UserId);
        var ping = await fixture.Callbacks.NextAsync(new Uri(client.BackchannelClientNotificationEndpoint!).AbsolutePath);

        Assert.Equal(authReqId, JsonDocument.Parse(ping.Body).RootElement.GetProperty("auth_req_id").GetString());
        Assert.Equal("access_denied", await OAuthHttp.ErrorAsync(await CibaHttp.PollAsync(fixture.Issuer, client.ClientId, secret, authReqId)));
    }

    [Fact]
    public async Task PingClient_WithoutNotificationToken_InvalidRequest()
    {
        var (client, secret) = await fixture.NewCibaClientAsync(ping: true);

        var response = await CibaHttp.StartAsync(fixture.Issuer, client.ClientId, secret, CibaHttp.Request());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", await OAuthHttp.ErrorAsync(response));
    }
}
