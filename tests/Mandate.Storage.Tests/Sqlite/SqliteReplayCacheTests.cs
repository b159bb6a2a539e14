using Mandate.Storage.Stores;
using Mandate.Storage.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Storage.Tests.Sqlite;

/// <summary>Security:ReplayCache = Store: one-time values remembered in the database, shared by every process on it.</summary>
public sealed class SqliteReplayCacheTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AValue_IsAcceptedOnce_UntilItExpires_ThenAgain()
    {
        await using var database = await SqliteTestDatabase.CreateSqliteAsync();
        var time = new FakeTimeProvider(Now);
        var cache = new EfReplayCache(database.Factory, time);

        Assert.True(await cache.TryAddAsync("dpop:jkt:jti-1", Now.AddMinutes(2), CancellationToken.None));
        Assert.False(await cache.TryAddAsync("dpop:jkt:jti-1", Now.AddMinutes(2), CancellationToken.None));
        Assert.True(await cache.TryAddAsync("dpop:jkt:jti-2", Now.AddMinutes(2), CancellationToken.None));
        time.Advance(TimeSpan.FromMinutes(3));
        Assert.True(await cache.TryAddAsync("dpop:jkt:jti-1", Now.AddMinutes(5), CancellationToken.None));
        Assert.False(await cache.TryAddAsync("dpop:jkt:jti-1", Now.AddMinutes(5), CancellationToken.None));
    }

    [Fact]
    public async Task AValueSeenByOneProcess_IsAReplayForAnother_AndConcurrentFirstUsesHaveOneWinner()
    {
        await using var database = await SqliteTestDatabase.CreateSqliteAsync();
        var time = new FakeTimeProvider(Now);
        var caches = new List<EfReplayCache>();
        for (var i = 0; i < 4; i++)
        {
            caches.Add(new EfReplayCache(await database.OpenAnotherAsync(), time));
        }

        Assert.True(await caches[0].TryAddAsync("assertion:client:jti", Now.AddMinutes(1), CancellationToken.None));
        Assert.False(await caches[1].TryAddAsync("assertion:client:jti", Now.AddMinutes(1), CancellationToken.None));

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => caches[i % 4].TryAddAsync("race", Now.AddMinutes(1), CancellationToken.None)));
        Assert.Single(results, r => r);
    }
}
