using Mandate.Core.Audit;
using Mandate.Core.Consents;
using Mandate.Core.OAuth.Revocation;
using Mandate.Core.Tests.Support;
using Mandate.Protocol.OAuth;

namespace Mandate.Core.Tests.OAuth.Token;

/// <summary>Every decision of the token endpoint, of revocation and of consent withdrawal is an entry in the real ledger.</summary>
public sealed class TokenAuditTests : IAsyncLifetime
{
    private TokenFlow flow = null!;

    public async Task InitializeAsync() => flow = await TokenFlow.CreateAsync();

    public async Task DisposeAsync() => await flow.DisposeAsync();

    [Fact]
    public async Task CodeGrantAndRefresh_AreIssuedAndRefreshedEventsNamingTheTokenNotContainingIt()
    {
        var first = await flow.CodeFlowAsync();
        var refreshed = (await flow.RefreshAsync(first.RefreshToken!)).Response!;

        var issued = Assert.Single(await EventsAsync("token.issued"));
        Assert.Equal(("allow", TokenFlow.User, "public-app", "authorization_code"), (issued.Event.Decision, issued.Event.Subject, issued.Event.ClientId, issued.Event.Method));
        Assert.Equal(flow.Claims(first.AccessToken).TokenId, issued.Event.TokenId);
        Assert.Equal("tools.read tools.call", issued.Event.Scope);
        Assert.Equal(CoreHarness.ResourceUri, issued.Event.Resource);
        var again = Assert.Single(await EventsAsync("token.refreshed"));
        Assert.Equal(flow.Claims(refreshed.AccessToken).TokenId, again.Event.TokenId);
        var bytes = System.Text.Encoding.UTF8.GetString(issued.Entry) + System.Text.Encoding.UTF8.GetString(again.Entry);
        Assert.DoesNotContain(first.AccessToken, bytes, StringComparison.Ordinal);
        Assert.DoesNotContain(first.RefreshToken!, bytes, StringComparison.Ordinal);
        Assert.DoesNotContain(refreshed.RefreshToken!, bytes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusal_IsATokenRefusedEventWithTheError()
    {
        var result = await flow.RefreshAsync("not-a-refresh-token");

        Assert.Equal(OAuthErrorCodes.InvalidGrant, result.Error!.Error);
        var refused = Assert.Single(await EventsAsync("token.refused"));
        Assert.Equal(("deny", "public-app", "refresh_token"), (refused.Event.Decision, refused.Event.ClientId, refused.Event.Method));
        Assert.StartsWith("invalid_grant", refused.Event.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-refresh-token", System.Text.Encoding.UTF8.GetString(refused.Entry), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusals_AreThrottledPerOrigin_IssuedTokensNever()
    {
        for (var i = 0; i < 70; i++)
        {
            await flow.RefreshAsync("not-a-refresh-token");
        }

        await flow.CodeFlowAsync();

        Assert.Equal(60, (await EventsAsync("token.refused")).Count);
        Assert.Single(await EventsAsync("token.issued"));
    }

    [Fact]
    public async Task Revocation_ThatTookEffect_IsRecorded_OneThatFoundNothingIsNot()
    {
        var tokens = await flow.CodeFlowAsync();
        var revocation = flow.Harness.Get<RevocationService>();

        await revocation.RevokeAsync(TestClients.Public(), "garbage", null, CancellationToken.None);
        await revocation.RevokeAsync(TestClients.Public(), tokens.AccessToken, null, CancellationToken.None);
        await revocation.RevokeAsync(TestClients.Public(), tokens.RefreshToken!, null, CancellationToken.None);

        var revoked = await EventsAsync("token.revoked");
        Assert.Equal(2, revoked.Count);
        Assert.Equal(flow.Claims(tokens.AccessToken).TokenId, revoked[0].Event.TokenId);
        Assert.Null(revoked[1].Event.TokenId);
        Assert.All(revoked, r => Assert.Equal(TokenFlow.User, r.Event.Subject));
    }

    [Fact]
    public async Task ConsentWithdrawn_IsRecordedWithWhoWithdrewIt()
    {
        await flow.CodeFlowAsync();

        await flow.Harness.Get<ConsentService>().RevokeAsync(TokenFlow.User, "public-app", "the person", CancellationToken.None);

        var withdrawn = Assert.Single(await EventsAsync("consent.revoked"));
        Assert.Equal((TokenFlow.User, "public-app"), (withdrawn.Event.Subject, withdrawn.Event.ClientId));
        Assert.Contains("the person", withdrawn.Event.Reason, StringComparison.Ordinal);
    }

    private Task<IReadOnlyList<RecordedAuditEvent>> EventsAsync(string kind) =>
        flow.Harness.Get<IAuditReader>().SearchAsync(new AuditQuery { Kind = kind, Limit = 1000 }, CancellationToken.None);
}
