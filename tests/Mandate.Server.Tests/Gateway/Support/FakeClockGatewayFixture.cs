using Microsoft.Extensions.Time.Testing;

namespace Mandate.Server.Tests.Gateway.Support;

/// <summary>The gateway on a clock the tests move: token expiry, revocation re-checks and idle sessions.</summary>
public sealed class FakeClockGatewayFixture : GatewayFixture
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds()));

    protected override FakeTimeProvider? Time => Clock;
}
