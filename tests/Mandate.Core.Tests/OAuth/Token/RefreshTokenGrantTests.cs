using Mandate.Core.Tests.Support;
using Mandate.Core.Tokens;
using Mandate.Protocol.OAuth;

namespace Mandate.Core.Tests.OAuth.Token;

public sealed class RefreshTokenGrantTests : IAsyncLifetime
{
    private TokenFlow flow = null!;

    private TimeSpan Grace => flow.Harness.Options.Tokens.RefreshReuseGrace;

    public async Task InitializeAsync() => flow = await TokenFlow.CreateAsync();

    public async Task DisposeAsync() => await flow.DisposeAsync();

    [Fact]
    public async Task Refresh_Rotates_NewTokenWorksAndCarriesTheGrant()
    {
        var first = await flow.CodeFlowAsync();

        var second = (await flow.RefreshAsync(first.RefreshToken!)).Response!;
        var third = (await flow.RefreshAsync(second.RefreshToken!)).Response!;

        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.NotEqual(second.RefreshToken, third.RefreshToken);
        var claims = flow.Claims(third.AccessToken);
        Assert.Equal(TokenFlow.User, claims.Subject);
        Assert.Equal(CoreHarness.ResourceUri, claims.Audience);
        Assert.Equal("tools.read tools.call", claims.Scope);
        var record = await flow.Harness.Get<IRefreshTokenStore>().FindAsync(TokenHashing.Hash(third.RefreshToken!), CancellationToken.None);
        Assert.Equal(TokenHashing.Hash(second.RefreshToken!), record!.ParentHash);
    }

    [Fact]
    public async Task Refresh_OldTokenReusedAfterGrace_RevokesTheFamilyIncludingTheNewest()
    {
        var first = await flow.CodeFlowAsync();
        var second = (await flow.RefreshAsync(first.RefreshToken!)).Response!;
        var third = (await flow.RefreshAsync(second.RefreshToken!)).Response!;
        flow.Harness.Time.Advance(Grace + TimeSpan.FromSeconds(1));

        var reuse = await flow.RefreshAsync(first.RefreshToken!);

        Assert.Equal(OAuthErrorCodes.InvalidGrant, reuse.Error!.Error);
        Assert.Equal(OAuthErrorCodes.InvalidGrant, (await flow.RefreshAsync(third.RefreshToken!)).Error!.Error);
    }

    [Fact]
    public async Task Refresh_PreviousTokenReusedAfterGrace_RevokesTheUnusedChild()
    {
        var first = await flow.CodeFlowAsync();
        var second = (await flow.RefreshAsync(first.RefreshToken!)).Response!;
        flow.Harness.Time.Advance(Grace + TimeSpan.FromSeconds(1));

        Assert.Equal(OAuthErrorCodes.InvalidGrant, (await flow.RefreshAsync(first.RefreshToken!)).Error!.Error);
        Assert.Equal(OAuthErrorCodes.InvalidGrant, (await flow.RefreshAsync(second.RefreshToken!)).Error!.Error);
    }

    [Fact]
    public async Task Refresh_PreviousTokenRetriedWithinGrace_SucceedsAndRevokesTheUnusedChild()
    {
        var first = await flow.CodeFlowAsync();
        var lost = (await flow.RefreshAsync(first.RefreshToken!)).Response!;
        flow.Harness.Time.Advance(Grace - TimeSpan.FromSeconds(1));

        var retry = await flow.RefreshAsync(first.RefreshToken!);

        Assert.NotNull(retry.Response);
        Assert.NotEqual(lost.RefreshToken, retry.Response.RefreshToken);
        Assert.Equal(OAuthErrorCodes.InvalidGrant, (await flow.RefreshAsync(lost.RefreshToken!)).Error!.Error);
        Assert.NotNull((await flow.RefreshAsync(retry.Response.RefreshToken!)).Response);
    }

    [Fact]
    public async Task Refresh_PreviousTokenRetriedWithinGraceAfterTheChildWasUsed_RevokesTheFamily()
    {
        var first = await flow.CodeFlowAsync();
        var second = (await flow.RefreshAsync(first.RefreshToken!)).Response!;
        var third = (await flow.RefreshAsync(second.RefreshToken!)).Response!;

        var reuse = await flow.RefreshAsync(first.RefreshToken!);

        Assert.Equal(OAuthErrorCodes.InvalidGrant, reuse.Error!.Error);
        Assert.Equal(OAuthErrorCodes.InvalidGrant, (await flow.RefreshAsync(third.RefreshToken!)).Error!.Error);
    }

    [Fact]
    public async Task Refresh_PreviousTokenRetriedTwiceWithinGrace_OnlyTheFirstRetrySucceeds()
    {
        var first = await flow.CodeFlowAsync();
        await flow.RefreshAsync(first.RefreshToken!);
        var retry = await flow.RefreshAsync(first.RefreshToken!);

        var again = await flow.RefreshAsync(first.RefreshToken!);

        Assert.NotNull(retry.Response);
        Assert.Equal(OAuthErrorCodes.InvalidGrant, again.Error!.Error);
    }

    [Fact]
    public async Task Refresh_WhileAConcurrentRefreshIsMidway_RefusedWithoutRevokingTheFamily()
    {
        var first = await flow.CodeFlowAsync();
        var store = flow.Harness.Get<IRefreshTokenStore>();
        var hash = TokenHashing.Hash(first.RefreshToken!);

        // Another request with the same token has consumed it and not yet stored its replacement.
        Assert.True(await store.TryConsumeAsync(hash, flow.Harness.Time.GetUtcNow(), CancellationToken.None));
        var concurrent = await flow.RefreshAsync(first.RefreshToken!);

        Assert.Equal(OAuthErrorCodes.InvalidGrant, concurrent.Error!.Error);
        Assert.Null((await store.FindAsync(hash, CancellationToken.None))!.RevokedAt);
    }

    [Fact]
    public async Task Refresh_NarrowerScope_Granted()
    {
        var first = await flow.CodeFlowAsync();

        var narrowed = (await flow.TokenAsync([.. TokenFlow.RefreshRequest(first.RefreshToken!), ("scope", "tools.read")])).Response!;

        Assert.Equal("tools.read", narrowed.Scope);
        Assert.Equal("tools.read", flow.Claims(narrowed.AccessToken).Scope);
    }

    [Fact]
    public async Task Refresh_NarrowedOnce_NextRefreshStillHasTheWholeGrant()
    {
        var first = await flow.CodeFlowAsync();
        var narrowed = (await flow.TokenAsync([.. TokenFlow.RefreshRequest(first.RefreshToken!), ("scope", "tools.read")])).Response!;

        var next = (await flow.RefreshAsync(narrowed.RefreshToken!)).Response!;

        Assert.Equal("tools.read tools.call", next.Scope);
    }

    [Fact]
    public async Task Refresh_WiderScope_InvalidScope()
    {
        var first = await flow.CodeFlowAsync(scopes: ["tools.read"]);

        var result = await flow.TokenAsync([.. TokenFlow.RefreshRequest(first.RefreshToken!), ("scope", "tools.read tools.call")]);

        Assert.Equal(OAuthErrorCodes.InvalidScope, result.Error!.Error);
    }

    [Fact]
    public async Task Refresh_WiderScopeRefused_TheRefreshTokenStillWorksLater()
    {
        var first = await flow.CodeFlowAsync(scopes: ["tools.read"]);
        await flow.TokenAsync([.. TokenFlow.RefreshRequest(first.RefreshToken!), ("scope", "tools.read tools.call")]);
        flow.Harness.Time.Advance(Grace + TimeSpan.FromSeconds(1));

        Assert.NotNull((await flow.RefreshAsync(first.RefreshToken!)).Response);
    }

    [Fact]
    public async Task Refresh_ResourceDiffers_InvalidTarget()
    {
        var first = await flow.CodeFlowAsync();

        var result = await flow.TokenAsync([.. TokenFlow.RefreshRequest(first.RefreshToken!), ("resource", "https://other.example.com")]);

        Assert.Equal(OAuthErrorCodes.InvalidTarget, result.Error!.Error);
    }

    [Fact]
    public async Task Refresh_ResourceDiffersRefused_TheRefreshTokenStillWorksLater()
    {
        var first = await flow.CodeFlowAsync();
        await flow.TokenAsync([.. TokenFlow.RefreshRequest(first.RefreshToken!), ("resource", "https://other.example.com")]);
        flow.Harness.Time.Advance(Grace + TimeSpan.FromSeconds(1));

        Assert.NotNull((await flow.RefreshAsync(first.RefreshToken!)).Response);
    }

    [Fact]
    public async Task Refresh_PreviousTokenRetriedTwiceWithinGrace_SecondRetryRevokesTheFamily()
    {
        var first = await flow.CodeFlowAsync();
        await flow.RefreshAsync(first.RefreshToken!);
        var retry = (await flow.RefreshAsync(first.RefreshToken!)).Response!;

        await flow.RefreshAsync(first.RefreshToken!);

        Assert.Equal(OAuthErrorCodes.InvalidGrant, (await flow.RefreshAsync(retry.RefreshToken!)).Error!.Error);
    }

    [Fact]
    public async Task Refresh_MalformedScope_RefusedWithoutBurningTheToken()
    {
        var first = await flow.CodeFlowAsync();
        await flow.TokenAsync([.. TokenFlow.RefreshRequest(first.RefreshToken!), ("scope", "bad\"scope")]);
        flow.Harness.Time.Advance(Grace + TimeSpan.FromSeconds(1));

        Assert.NotNull((await flow.RefreshAsync(first.RefreshToken!)).Response);
    }

    [Fact]
    public async Task Refresh_OtherClientsToken_InvalidGrantAndNotBurned()
    {
        var first = await flow.CodeFlowAsync();

        var stolen = await flow.RefreshAsync(first.RefreshToken!, TestClients.Confidential());

        Assert.Equal(OAuthErrorCodes.InvalidGrant, stolen.Error!.Error);
        Assert.NotNull((await flow.RefreshAsync(first.RefreshToken!)).Response);
    }

    [Fact]
    public async Task Refresh_Expired_InvalidGrant()
    {
        var first = await flow.CodeFlowAsync();
        flow.Harness.Time.Advance(flow.Harness.Options.Tokens.RefreshTokenLifetime);

        Assert.Equal(OAuthErrorCodes.InvalidGrant, (await flow.RefreshAsync(first.RefreshToken!)).Error!.Error);
    }

    [Fact]
    public async Task Refresh_UnknownOrMissingToken_Refused()
    {
        Assert.Equal(OAuthErrorCodes.InvalidGrant, (await flow.RefreshAsync("no-such-token")).Error!.Error);
        Assert.Equal(OAuthErrorCodes.InvalidRequest, (await flow.TokenAsync([("grant_type", "refresh_token")])).Error!.Error);
    }
}
