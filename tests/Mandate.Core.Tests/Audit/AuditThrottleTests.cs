using Mandate.Core.Audit;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Core.Tests.Audit;

public sealed class AuditThrottleTests
{
    [Fact]
    public void AtMostTheLimitPerKeyPerMinute_ThenANewWindow()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var throttle = new AuditThrottle(3, time);

        var first = Enumerable.Range(0, 4).Select(_ => throttle.TryAcquire("10.0.0.1")).ToList();
        var other = throttle.TryAcquire("10.0.0.2");
        time.Advance(TimeSpan.FromMinutes(1));
        var next = throttle.TryAcquire("10.0.0.1");

        Assert.Equal([true, true, true, false], first);
        Assert.True(other);
        Assert.True(next);
    }
}
