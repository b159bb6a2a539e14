using Mandate.Core.Gateway;
using Mandate.Core.Gateway.Authorization;
using Mandate.Core.Tokens;

namespace Mandate.Core.Tests.Gateway.Authorization;

/// <summary>The gateway's verified-token cache: entries live until their token expires, and the cache never grows past its capacity.</summary>
public sealed class ValidatedTokenCacheTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Entry_IsFoundUntilItsTokenExpires()
    {
        var cache = new ValidatedTokenCache(10);
        cache.Add(K("h1"), Token(Now.AddMinutes(5)), Now);

        Assert.NotNull(cache.Find(K("h1"), Now.AddMinutes(4)));
        Assert.Null(cache.Find(K("h1"), Now.AddMinutes(5)));
        Assert.Null(cache.Find(K("h1"), Now.AddMinutes(1)));
    }

    [Fact]
    public void FullCache_DropsExpiredEntriesFirst()
    {
        var cache = new ValidatedTokenCache(2);
        cache.Add(K("old"), Token(Now.AddMinutes(1)), Now);
        cache.Add(K("live"), Token(Now.AddMinutes(10)), Now);

        cache.Add(K("new"), Token(Now.AddMinutes(10)), Now.AddMinutes(2));

        Assert.NotNull(cache.Find(K("live"), Now.AddMinutes(2)));
        Assert.NotNull(cache.Find(K("new"), Now.AddMinutes(2)));
    }

    [Fact]
    public void FullCache_OfLiveEntries_StartsOver_NeverExceedingItsCapacity()
    {
        var cache = new ValidatedTokenCache(3);
        for (var i = 0; i < 10; i++)
        {
            cache.Add(K("h" + i), Token(Now.AddMinutes(10)), Now);
        }

        Assert.InRange(Enumerable.Range(0, 10).Count(i => cache.Find(K("h" + i), Now) is not null), 1, 3);
        Assert.NotNull(cache.Find(K("h9"), Now));
    }

    [Fact]
    public void ZeroCapacity_CachesNothing()
    {
        var cache = new ValidatedTokenCache(0);
        var entry = cache.Add(K("h"), Token(Now.AddMinutes(10)), Now);

        Assert.NotNull(entry);
        Assert.Null(cache.Find(K("h"), Now));
    }

    private static TokenDigest K(string token) => TokenDigest.Of(token);

    private static GatewayToken Token(DateTimeOffset expiresAt) =>
        new(new AccessTokenClaims("jti", "sub", "client", "https://as.example.com/mcp/x", "mcp:read", expiresAt.AddMinutes(-10), expiresAt), ["mcp:read"]);
}
