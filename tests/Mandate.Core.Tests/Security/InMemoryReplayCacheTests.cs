using Mandate.Core.Security;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Core.Tests.Security;

public sealed class InMemoryReplayCacheTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task TryAdd_SameKeyBeforeExpiry_RefusedAsReplay()
    {
        var cache = new InMemoryReplayCache(time);
        var expiry = time.GetUtcNow().AddMinutes(5);

        Assert.True(await cache.TryAddAsync("jti-1", expiry, CancellationToken.None));
        time.Advance(TimeSpan.FromMinutes(4));
        Assert.False(await cache.TryAddAsync("jti-1", expiry, CancellationToken.None));
        Assert.True(await cache.TryAddAsync("jti-2", expiry, CancellationToken.None));
    }

    [Fact]
    public async Task TryAdd_SameKeyAfterExpiry_Accepted()
    {
        var cache = new InMemoryReplayCache(time);
        var expiry = time.GetUtcNow().AddMinutes(5);
        await cache.TryAddAsync("jti-1", expiry, CancellationToken.None);

        time.Advance(TimeSpan.FromMinutes(5));

        Assert.True(await cache.TryAddAsync("jti-1", time.GetUtcNow().AddMinutes(5), CancellationToken.None));
        Assert.False(await cache.TryAddAsync("jti-1", time.GetUtcNow().AddMinutes(5), CancellationToken.None));
    }

    [Fact]
    public async Task TryAdd_ConcurrentSameKey_ExactlyOneAccepted()
    {
        var cache = new InMemoryReplayCache(time);
        var expiry = time.GetUtcNow().AddMinutes(5);

        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => cache.TryAddAsync("jti", expiry, CancellationToken.None))));

        Assert.Equal(1, results.Count(r => r));
    }
}
