using Mandate.Core.Gateway;
using Mandate.Core.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Core.Tests.Gateway;

public sealed class CachingToolPolicyStoreTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryToolPolicyStore inner = new();

    private static ToolPolicy Policy(PermissionLevel? overrideLevel = null, long version = 0) =>
        new() { Upstream = "notes", Tool = "t", Status = ToolPolicyStatus.Approved, ApprovedLevel = PermissionLevel.Read, OverrideLevel = overrideLevel, Version = version };

    [Fact]
    public async Task Find_WithinTtl_ServesTheCachedRecord_EvenIfAnotherProcessChangedIt()
    {
        await inner.AddAsync(Policy(), CancellationToken.None);
        var cache = new CachingToolPolicyStore(inner, time);
        await cache.FindAsync("notes", "t", CancellationToken.None);
        var stored = await inner.FindAsync("notes", "t", CancellationToken.None);
        await inner.UpdateAsync(stored! with { OverrideLevel = PermissionLevel.Deny }, CancellationToken.None);

        var cached = await cache.FindAsync("notes", "t", CancellationToken.None);
        time.Advance(CachingToolPolicyStore.Ttl + TimeSpan.FromMilliseconds(1));
        var fresh = await cache.FindAsync("notes", "t", CancellationToken.None);

        Assert.Null(cached!.OverrideLevel);
        Assert.Equal(PermissionLevel.Deny, fresh!.OverrideLevel);
    }

    [Fact]
    public async Task Update_ThroughTheCache_IsSeenAtOnce()
    {
        await inner.AddAsync(Policy(), CancellationToken.None);
        var cache = new CachingToolPolicyStore(inner, time);
        var before = await cache.FindAsync("notes", "t", CancellationToken.None);

        Assert.True(await cache.UpdateAsync(before! with { OverrideLevel = PermissionLevel.Deny }, CancellationToken.None));
        var after = await cache.FindAsync("notes", "t", CancellationToken.None);

        Assert.Equal(PermissionLevel.Deny, after!.OverrideLevel);
    }

    [Fact]
    public async Task Find_UnknownTool_CachesTheAbsence_UntilAnAddThroughTheCache()
    {
        var cache = new CachingToolPolicyStore(inner, time);
        Assert.Null(await cache.FindAsync("notes", "t", CancellationToken.None));

        Assert.True(await cache.AddAsync(Policy(), CancellationToken.None));

        Assert.NotNull(await cache.FindAsync("notes", "t", CancellationToken.None));
    }

    [Fact]
    public async Task RemoveUpstream_ForgetsItsCachedRecords()
    {
        await inner.AddAsync(Policy(), CancellationToken.None);
        var cache = new CachingToolPolicyStore(inner, time);
        await cache.FindAsync("notes", "t", CancellationToken.None);

        await cache.RemoveUpstreamAsync("notes", CancellationToken.None);

        Assert.Null(await cache.FindAsync("notes", "t", CancellationToken.None));
    }
}
