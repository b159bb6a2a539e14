using System.Globalization;

namespace Mandate.LoadHarness.Results;

/// <summary>The gateway's targets: a minimum share of direct throughput, and maximum added p50 and p99 latency.</summary>
internal sealed record OverheadGoalCheck(double? MinSharePercent, double? MaxAddedP50Ms, double? MaxAddedP99Ms)
{
    /// <summary>Prints one line per goal that was set; true when all of them pass.</summary>
    public bool Report(GatewayOverhead overhead)
    {
        var (gateway, direct) = (overhead.Gateway.Target, overhead.Direct.Target);
        var lines = new List<(string Text, bool Passed)>();
        if (MinSharePercent is { } share)
        {
            lines.Add(($"{gateway} throughput >= {share:0.#}% of {direct}: {overhead.ThroughputShare * 100:0.0}%", overhead.ThroughputShare * 100 >= share));
        }

        if (MaxAddedP50Ms is { } p50)
        {
            lines.Add(($"added p50 latency < {p50:0.##} ms: {overhead.AddedP50Ms:0.00} ms", overhead.AddedP50Ms < p50));
        }

        if (MaxAddedP99Ms is { } p99)
        {
            lines.Add(($"added p99 latency < {p99:0.##} ms: {overhead.AddedP99Ms:0.00} ms", overhead.AddedP99Ms < p99));
        }

        foreach (var (text, passed) in lines)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"goal {(passed ? "PASS" : "FAIL")}: {text}"));
        }

        return lines.TrueForAll(line => line.Passed);
    }
}
