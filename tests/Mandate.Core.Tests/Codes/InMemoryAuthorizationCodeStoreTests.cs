using Mandate.Core.Codes;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Core.Tests.Codes;

public sealed class InMemoryAuthorizationCodeStoreTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Redeem_FreshCode_ReturnsTheGrant()
    {
        var store = new InMemoryAuthorizationCodeStore(time);
        var grant = Grant();
        var code = await store.CreateAsync(grant, CancellationToken.None);

        var redemption = await store.RedeemAsync(code, CancellationToken.None);

        Assert.Equal(CodeRedemptionOutcome.Redeemed, redemption.Outcome);
        Assert.Same(grant, redemption.Grant);
    }

    [Fact]
    public async Task Redeem_Twice_SecondIsReplayWithWhatTheFirstIssued()
    {
        var store = new InMemoryAuthorizationCodeStore(time);
        var code = await store.CreateAsync(Grant(), CancellationToken.None);
        await store.RedeemAsync(code, CancellationToken.None);
        var issued = new IssuedFromCode("jti-1", time.GetUtcNow().AddMinutes(10), "family-1");
        await store.RecordIssuedAsync(code, issued, CancellationToken.None);

        var replay = await store.RedeemAsync(code, CancellationToken.None);

        Assert.Equal(CodeRedemptionOutcome.Replayed, replay.Outcome);
        Assert.Equal(issued, replay.IssuedTokens);
    }

    [Fact]
    public async Task RecordIssued_AfterAReplayArrivedMeanwhile_TellsTheCallerToRevoke()
    {
        var store = new InMemoryAuthorizationCodeStore(time);
        var code = await store.CreateAsync(Grant(), CancellationToken.None);
        await store.RedeemAsync(code, CancellationToken.None);
        var replay = await store.RedeemAsync(code, CancellationToken.None);

        var replayed = await store.RecordIssuedAsync(code, new IssuedFromCode("jti-1", time.GetUtcNow().AddMinutes(10), null), CancellationToken.None);

        Assert.Null(replay.IssuedTokens);
        Assert.True(replayed);
    }

    [Fact]
    public async Task RecordIssued_WithoutReplay_ReturnsFalse()
    {
        var store = new InMemoryAuthorizationCodeStore(time);
        var code = await store.CreateAsync(Grant(), CancellationToken.None);
        await store.RedeemAsync(code, CancellationToken.None);

        Assert.False(await store.RecordIssuedAsync(code, new IssuedFromCode("jti-1", time.GetUtcNow().AddMinutes(10), null), CancellationToken.None));
    }

    [Fact]
    public async Task Redeem_TwentyInParallel_ExactlyOneRedeemed()
    {
        var store = new InMemoryAuthorizationCodeStore(time);
        var code = await store.CreateAsync(Grant(), CancellationToken.None);
        using var gate = new ManualResetEventSlim();

        var tasks = Enumerable.Range(0, 20).Select(_ => Task.Run(() =>
        {
            gate.Wait();
            return store.RedeemAsync(code, CancellationToken.None);
        })).ToList();
        gate.Set();
        var results = await Task.WhenAll(tasks);

        Assert.Equal(1, results.Count(r => r.Outcome == CodeRedemptionOutcome.Redeemed));
        Assert.Equal(19, results.Count(r => r.Outcome == CodeRedemptionOutcome.Replayed));
    }

    [Fact]
    public async Task Redeem_Expired_NotFound()
    {
        var store = new InMemoryAuthorizationCodeStore(time);
        var code = await store.CreateAsync(Grant(), CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(61));

        Assert.Equal(CodeRedemptionOutcome.NotFound, (await store.RedeemAsync(code, CancellationToken.None)).Outcome);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-code")]
    public async Task Redeem_UnknownCode_NotFound(string code)
    {
        var store = new InMemoryAuthorizationCodeStore(time);
        await store.CreateAsync(Grant(), CancellationToken.None);

        Assert.Equal(CodeRedemptionOutcome.NotFound, (await store.RedeemAsync(code, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task Create_TwoGrants_DistinctCodes()
    {
        var store = new InMemoryAuthorizationCodeStore(time);

        Assert.NotEqual(await store.CreateAsync(Grant(), CancellationToken.None), await store.CreateAsync(Grant(), CancellationToken.None));
    }

    private AuthorizationCodeGrant Grant() => new()
    {
        ClientId = "client",
        RedirectUri = "https://app.example.com/cb",
        CodeChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        Subject = "user-1",
        Resource = "https://mcp.example.com/mcp",
        ExpiresAt = time.GetUtcNow().AddSeconds(60),
    };
}
