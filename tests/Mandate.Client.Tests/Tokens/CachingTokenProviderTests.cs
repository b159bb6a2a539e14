using Mandate.Client.OAuth;
using Mandate.Client.Tokens;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Client.Tests.Tokens;

public sealed class CachingTokenProviderTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private int fetches;

    [Fact]
    public async Task KeepsTheToken_UntilAMinuteBeforeItExpires()
    {
        using var provider = Provider(lifetime: 600);

        var first = await provider.GetTokenAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(539));
        var stillFirst = await provider.GetTokenAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1));
        var second = await provider.GetTokenAsync(CancellationToken.None);

        Assert.Same(first, stillFirst);
        Assert.NotSame(first, second);
        Assert.Equal(2, fetches);
    }

    [Fact]
    public async Task ShortLivedTokens_AreRenewedAtHalfTheirLife()
    {
        using var provider = Provider(lifetime: 60);

        await provider.GetTokenAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(29));
        await provider.GetTokenAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1));
        await provider.GetTokenAsync(CancellationToken.None);

        Assert.Equal(2, fetches);
    }

    [Fact]
    public async Task ConcurrentCallers_ShareOneFetch()
    {
        var release = new TaskCompletionSource();
        using var provider = new CachingTokenProvider(
            async _ =>
            {
                Interlocked.Increment(ref fetches);
                await release.Task;
                return Token(600);
            },
            time);

        var callers = Enumerable.Range(0, 8).Select(_ => provider.GetTokenAsync(CancellationToken.None).AsTask()).ToList();
        release.SetResult();
        var tokens = await Task.WhenAll(callers);

        Assert.Equal(1, fetches);
        Assert.All(tokens, t => Assert.Same(tokens[0], t));
    }

    [Fact]
    public async Task AFailedFetch_IsNotKept_AndInvalidateForcesANewToken()
    {
        var fail = true;
        using var provider = new CachingTokenProvider(
            _ =>
            {
                fetches++;
                return fail ? throw new OAuthException("invalid_request", "no", null, System.Net.HttpStatusCode.BadRequest) : ValueTask.FromResult(Token(600));
            },
            time);

        await Assert.ThrowsAsync<OAuthException>(() => provider.GetTokenAsync(CancellationToken.None).AsTask());
        fail = false;
        var token = await provider.GetTokenAsync(CancellationToken.None);
        provider.Invalidate();
        var next = await provider.GetTokenAsync(CancellationToken.None);

        Assert.NotSame(token, next);
        Assert.Equal(3, fetches);
    }

    private CachingTokenProvider Provider(int lifetime) =>
        new(_ =>
        {
            fetches++;
            return ValueTask.FromResult(Token(lifetime));
        }, time);

    private TokenResponse Token(int lifetime) => new()
    {
        AccessToken = "t" + fetches,
        TokenType = "Bearer",
        ExpiresIn = lifetime,
        ExpiresAt = time.GetUtcNow().AddSeconds(lifetime),
    };
}
