namespace Mandate.Server.Tests.Gateway.Support;

/// <summary>The mandate fixture with Gateway:PrivateThenEgress = deny.</summary>
public sealed class DataFlowDenyFixture : MandateGatewayFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Gateway:PrivateThenEgress"] = "deny",
    };
}
