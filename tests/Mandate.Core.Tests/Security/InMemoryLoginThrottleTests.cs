using Mandate.Core.Configuration;
using Mandate.Core.Security;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Core.Tests.Security;

public sealed class InMemoryLoginThrottleTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly MandateOptions options = new();
    private readonly InMemoryLoginThrottle throttle;

    public InMemoryLoginThrottleTests()
    {
        options.Login.MaxFailures = 5;
        options.Login.FailureWindow = TimeSpan.FromMinutes(15);
        options.Login.LockoutDuration = TimeSpan.FromMinutes(5);
        throttle = new InMemoryLoginThrottle(Options.Create(options), time);
    }

    [Fact]
    public void LockedUntil_BelowMaxFailures_NotLocked()
    {
        Fail("alice", "10.0.0.1", 4);

        Assert.Null(throttle.LockedUntil("alice", "10.0.0.1"));
    }

    [Fact]
    public void LockedUntil_AtMaxFailures_LocksTheUserForTheLockoutDuration()
    {
        Fail("alice", "10.0.0.1", 5);

        Assert.Equal(time.GetUtcNow() + TimeSpan.FromMinutes(5), throttle.LockedUntil("alice", "10.0.0.1"));
        Assert.NotNull(throttle.LockedUntil("alice", "10.9.9.9"));
        Assert.NotNull(throttle.LockedUntil("ALICE ", "10.9.9.9"));
        Assert.Null(throttle.LockedUntil("bob", "10.9.9.9"));
    }

    [Fact]
    public void LockedUntil_AfterLockoutDuration_Unlocked()
    {
        Fail("alice", "10.0.0.1", 5);

        time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        Assert.Null(throttle.LockedUntil("alice", "10.0.0.1"));
    }

    [Fact]
    public void LockedUntil_AddressGuessingManyUsers_LocksAtFourTimesMaxFailures()
    {
        for (var i = 0; i < 19; i++)
        {
            Fail("user" + i, "10.0.0.1", 1);
        }

        Assert.Null(throttle.LockedUntil("someone-new", "10.0.0.1"));

        Fail("user19", "10.0.0.1", 1);

        Assert.NotNull(throttle.LockedUntil("someone-new", "10.0.0.1"));
        Assert.Null(throttle.LockedUntil("someone-new", "10.0.0.2"));
    }

    [Fact]
    public void RecordSuccess_ClearsTheUserCounter()
    {
        Fail("alice", "10.0.0.1", 4);
        throttle.RecordSuccess("alice", "10.0.0.1");
        Fail("alice", "10.0.0.1", 4);

        Assert.Null(throttle.LockedUntil("alice", "10.0.0.1"));
    }

    [Fact]
    public void RecordSuccess_KeepsTheAddressCounter()
    {
        Fail("alice", "10.0.0.1", 4);
        throttle.RecordSuccess("alice", "10.0.0.1");
        for (var i = 0; i < 16; i++)
        {
            Fail("user" + i, "10.0.0.1", 1);
        }

        Assert.NotNull(throttle.LockedUntil("nobody", "10.0.0.1"));
    }

    [Fact]
    public void RecordFailure_AfterTheWindow_StartsCountingAgain()
    {
        Fail("alice", "10.0.0.1", 4);

        time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        Fail("alice", "10.0.0.1", 4);

        Assert.Null(throttle.LockedUntil("alice", "10.0.0.1"));
    }

    [Fact]
    public void RecordFailure_WithinTheWindow_Accumulates()
    {
        Fail("alice", "10.0.0.1", 4);

        time.Advance(TimeSpan.FromMinutes(14));
        Fail("alice", "10.0.0.1", 1);

        Assert.NotNull(throttle.LockedUntil("alice", "10.0.0.1"));
    }

    private void Fail(string username, string address, int times)
    {
        for (var i = 0; i < times; i++)
        {
            throttle.RecordFailure(username, address);
        }
    }
}
