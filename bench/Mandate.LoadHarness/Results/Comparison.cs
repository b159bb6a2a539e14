using System.Globalization;

namespace Mandate.LoadHarness.Results;

/// <summary>The first target measured against the second in the same mode.</summary>
internal sealed record Comparison(RunResult First, RunResult Second)
{
    public double ThroughputRatio => First.Rps / Second.Rps;

    /// <summary>e.g. "client_credentials: mandate 7,812 req/s vs oidc-provider 1,934 req/s = 4.04x; p99 9.8 ms vs 41.2 ms".</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{First.GrantType}: {First.Target} {First.Rps:N0} req/s vs {Second.Target} {Second.Rps:N0} req/s = {ThroughputRatio:0.00}x; " +
        $"p99 {ResultPrinter.Milliseconds(First.P99Ms)} ms vs {ResultPrinter.Milliseconds(Second.P99Ms)} ms");
}
