using System.Net;
using Mandate.Core.Approvals;
using Mandate.Core.Audit;
using Mandate.Server.Tests.OAuth.Mandates;
using Mandate.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.Tests.OAuth.Ciba;

/// <summary>CIBA poll mode end to end: start, authorization_pending, slow_down, the person decides, tokens once.</summary>
public sealed class CibaPollFlowTests(CibaFixture fixture) : IClassFixture<CibaFixture>
{
    private IServiceProvider Services => fixture.Server.Services;

    [Fact]
    public async Task Start_AnswersAuthReqIdExpiryAndInterval_AndThePersonSeesTheRequest()
    {
        var (client, secret) = await fixture.NewCibaClientAsync();

        var response = await CibaHttp.StartAsync(fixture.Issuer, client.ClientId, secret, CibaHttp.Request(("requested_expiry", "120")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = await OAuthHttp.JsonAsync(response);
        Assert.True(body.GetProperty("auth_req_id").GetString()!.Length >= 43);
        Assert.Equal(120, body.GetProperty("expires_in").GetInt32());
        Assert.Equal(5, body.GetProperty("interval").GetInt32());
        var pending = await CibaHttp.PendingAsync(Services, client.ClientId);
        Assert.Equal(fixture.UserId, pending.Subject);
        Assert.Equal("W7-K2", pending.BindingMessage);
        Assert.Equal("tools.read", pending.Scope);
        Assert.Equal(ApprovalKind.Ciba, pending.Kind);
    }

    [Fact]
    public async Task Poll_Pending_ThenTooSoon_SlowDown_ThenApproved_Tokens_ThenUsedUp()
    {
        var (client, secret) = await fixture.NewCibaClientAsync(refresh: true);
        var authReqId = await CibaHttp.AuthReqIdAsync(fixture.Issuer, client.ClientId, secret);

        var first = await CibaHttp.PollAsync(fixture.Issuer, client.ClientId, secret, authReqId);
        var second = await CibaHttp.PollAsync(fixture.Issuer, client.ClientId, secret, authReqId);
        var pending = await CibaHttp.PendingAsync(Services, client.ClientId);
        Assert.True(await CibaHttp.DecideAsync(Services, pending.Id, approve: true, fixture.UserId));
        var granted = await CibaHttp.PollAsync(fixture.Issuer, client.ClientId, secret, authReqId);
        var again = await CibaHttp.PollAsync(fixture.Issuer, client.ClientId, secret, authReqId);

        Assert.Equal("authorization_pending", await OAuthHttp.ErrorAsync(first));
        Assert.Equal("slow_down", await OAuthHttp.ErrorAsync(second));
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        var tokens = await OAuthHttp.JsonAsync(granted);
        Assert.Equal("Bearer", tokens.GetProperty("token_type").GetString());
        Assert.Equal("tools.read", tokens.GetProperty("scope").GetString());
        Assert.True(tokens.TryGetProperty("refresh_token", out _));
        var claims = CibaHttp.Claims(tokens);
        Assert.Equal(fixture.UserId, claims.GetProperty("sub").GetString());
        Assert.Equal(client.ClientId, claims.GetProperty("client_id").GetString());
        Assert.Equal(TestFlow.Resource, claims.GetProperty("aud").GetString());
        Assert.True(claims.TryGetProperty("auth_time", out _));
        Assert.Equal("invalid_grant", await OAuthHttp.ErrorAsync(again));
    }

    [Fact]
    public async Task Denied_AccessDenied_AndAudited()
    {
        var (client, secret) = await fixture.NewCibaClientAsync();
        var authReqId = await CibaHttp.AuthReqIdAsync(fixture.Issuer, client.ClientId, secret);
        var pending = await CibaHttp.PendingAsync(Services, client.ClientId);

        Assert.True(await CibaHttp.DecideAsync(Services, pending.Id, approve: false, fixture.UserId));
        var response = await CibaHttp.PollAsync(fixture.Issuer, client.ClientId, secret, authReqId);

        Assert.Equal("access_denied", await OAuthHttp.ErrorAsync(response));
        var events = (await Services.GetRequiredService<IAuditReader>().SearchAsync(new AuditQuery { ClientId = client.ClientId }, CancellationToken.None))
            .Where(e => e.Event.Kind.StartsWith("approval.", StringComparison.Ordinal) || e.Event.Kind.StartsWith("ciba.", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(
            ["approval.requested", "ciba.request", "approval.denied", "ciba.token"],
            events.Select(e => e.Event.Kind));
        Assert.Equal("deny", events[^1].Event.Decision);
        Assert.StartsWith("access_denied", events[^1].Event.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expired_ExpiredToken_AndTheApprovalCanNoLongerBeGiven()
    {
        var (client, secret) = await fixture.NewCibaClientAsync();
        var authReqId = await CibaHttp.AuthReqIdAsync(fixture.Issuer, client.ClientId, secret, ("requested_expiry", "1"));
        var pending = await CibaHttp.PendingAsync(Services, client.ClientId);
        while (DateTimeOffset.UtcNow <= pending.ExpiresAt)
        {
            await Task.Delay(100);
        }

        var response = await CibaHttp.PollAsync(fixture.Issuer, client.ClientId, secret, authReqId);

        Assert.Equal("expired_token", await OAuthHttp.ErrorAsync(response));
        Assert.False(await CibaHttp.DecideAsync(Services, pending.Id, approve: true, fixture.UserId));
    }

    [Fact]
    public async Task AuthReqId_OfAnotherClient_OrUnknown_InvalidGrant()
    {
        var (owner, ownerSecret) = await fixture.NewCibaClientAsync();
        var (thief, thiefSecret) = await fixture.NewCibaClientAsync();
        var authReqId = await CibaHttp.AuthReqIdAsync(fixture.Issuer, owner.ClientId, ownerSecret);

        Assert.Equal("invalid_grant", await OAuthHttp.ErrorAsync(await CibaHttp.PollAsync(fixture.Issuer, thief.ClientId, thiefSecret, authReqId)));
        Assert.Equal("invalid_grant", await OAuthHttp.ErrorAsync(await CibaHttp.PollAsync(fixture.Issuer, owner.ClientId, ownerSecret, "no-such-request")));
        Assert.Equal("authorization_pending", await OAuthHttp.ErrorAsync(await CibaHttp.PollAsync(fixture.Issuer, owner.ClientId, ownerSecret, authReqId)));
    }

    [Fact]
    public async Task Mandate_IsShownToThePerson_AndCarriedByTheToken()
    {
        var (client, secret) = await fixture.NewCibaClientAsync();
        var authReqId = await CibaHttp.AuthReqIdAsync(fixture.Issuer, client.ClientId, secret, ("authorization_details", MandateRequests.Details()));
        var pending = await CibaHttp.PendingAsync(Services, client.ClientId);

        await CibaHttp.DecideAsync(Services, pending.Id, approve: true, fixture.UserId);
        var tokens = await OAuthHttp.JsonAsync(await CibaHttp.PollAsync(fixture.Issuer, client.ClientId, secret, authReqId));

        Assert.Contains("create_issue", pending.AuthorizationDetails, StringComparison.Ordinal);
        Assert.Equal("create_issue", tokens.GetProperty("authorization_details")[0].GetProperty("tools")[0].GetProperty("name").GetString());
        Assert.Equal(3, CibaHttp.Claims(tokens).GetProperty("authorization_details")[0].GetProperty("tools")[0].GetProperty("max_calls").GetInt32());
    }
}
