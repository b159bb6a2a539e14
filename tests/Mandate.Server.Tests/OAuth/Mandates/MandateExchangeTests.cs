using System.Net;
using Mandate.Protocol.Jose;
using Mandate.Server.Tests.OAuth.Exchange;
using Mandate.Server.Tests.Support;
using Mandate.Testing;

namespace Mandate.Server.Tests.OAuth.Mandates;

/// <summary>A sub-agent narrows the orchestrator's mandate by token exchange; a wider one is refused.</summary>
public sealed class MandateExchangeTests(DelegationFixture fixture) : IClassFixture<DelegationFixture>
{
    [Fact]
    public async Task NarrowerMandate_IsGranted_WiderIsRefused_NoneKeepsIt()
    {
        var subject = await OrchestratorMandateTokenAsync();
        var narrower = MandateRequests.Details(tools: """{"name":"create_issue","arguments":""" + MandateRequests.IssueSchema + ""","max_calls":1}""", expiresAt: MandateRequests.InAnHour - 600);
        var wider = MandateRequests.Details(tools: """{"name":"create_issue","max_calls":3}""");

        var granted = await fixture.ExchangeOkAsync(fixture.SubAgent, subject, ("authorization_details", narrower));
        var refused = await DelegationFixture.ExchangeAsync(fixture.SubAgent, fixture.Issuer, subject, ("authorization_details", wider));
        var kept = await fixture.ExchangeOkAsync(fixture.SubAgent, subject);

        var claim = CompactJws.TryParse(granted.GetProperty("access_token").GetString())!.Payload.GetProperty("authorization_details")[0];
        Assert.Equal(1, claim.GetProperty("tools")[0].GetProperty("max_calls").GetInt32());
        Assert.Equal("file the bug report from this chat", granted.GetProperty("authorization_details")[0].GetProperty("purpose").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("invalid_authorization_details", await OAuthHttp.ErrorAsync(refused));
        Assert.Equal(3, kept.GetProperty("authorization_details")[0].GetProperty("tools")[0].GetProperty("max_calls").GetInt32());
    }

    private async Task<string> OrchestratorMandateTokenAsync()
    {
        var pkce = PkcePair.Create();
        var url = TestFlow.AuthorizeUrl(fixture.Issuer, fixture.Orchestrator.Client.ClientId, pkce, extra: ("authorization_details", MandateRequests.Details()));
        var code = await TestFlow.GetCodeAsync(fixture.Browser, url);
        var response = await TestFlow.RedeemAsync(fixture.Issuer, code, pkce, fixture.Orchestrator.Client.ClientId, fixture.Orchestrator.Secret);
        return (await OAuthHttp.JsonAsync(response)).GetProperty("access_token").GetString()!;
    }
}
