using System.Globalization;

namespace Mandate.LoadHarness.Results;

/// <summary>mcp-call: the first target (through the gateway) against the second (the upstream called directly).</summary>
internal sealed record GatewayOverhead(RunResult Gateway, RunResult Direct)
{
    /// <summary>Gateway throughput as a share of direct throughput (1.0 = no loss).</summary>
    public double ThroughputShare => Gateway.Rps / Direct.Rps;

    public double AddedP50Ms => Gateway.P50Ms - Direct.P50Ms;

    public double AddedP99Ms => Gateway.P99Ms - Direct.P99Ms;

    /// <summary>e.g. "tools/call: gateway 5,100 req/s vs direct 6,800 req/s = 75% of direct; added p50 0.8 ms, added p99 3.1 ms".</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Gateway.GrantType}: {Gateway.Target} {Gateway.Rps:N0} req/s vs {Direct.Target} {Direct.Rps:N0} req/s = {ThroughputShare * 100:0.0}% of {Direct.Target}; " +
        $"added p50 {AddedP50Ms:0.00} ms, added p99 {AddedP99Ms:0.00} ms");
}
