namespace Mandate.Server.Tests.Gateway.Support;

/// <summary>The gateway with DPoP required (Gateway:RequireDpop) and server nonces on (Dpop:RequireNonce).</summary>
public sealed class DpopGatewayFixture : GatewayFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Gateway:ClientRequestsPerMinute"] = "0",
        ["Gateway:UserRequestsPerMinute"] = "0",
        ["Gateway:RequireDpop"] = "true",
        ["Dpop:RequireNonce"] = "true",
    };
}
