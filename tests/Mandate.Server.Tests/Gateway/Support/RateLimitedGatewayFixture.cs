namespace Mandate.Server.Tests.Gateway.Support;

/// <summary>The gateway with small budgets: 3 requests a minute per client, 5 per user.</summary>
public sealed class RateLimitedGatewayFixture : GatewayFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Gateway:ClientRequestsPerMinute"] = "3",
        ["Gateway:UserRequestsPerMinute"] = "5",
    };
}
