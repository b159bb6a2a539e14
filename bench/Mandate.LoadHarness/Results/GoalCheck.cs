using System.Globalization;

namespace Mandate.LoadHarness.Results;

/// <summary>Optional pass/fail lines for the issue's targets, applied to the first compared target.</summary>
internal sealed record GoalCheck(double? MinRatio, double? MaxP99Ms, double? MinRps)
{
    /// <summary>Prints one line per goal that was set; true when all of them pass.</summary>
    public bool Report(Comparison comparison)
    {
        var first = comparison.First;
        var lines = new List<(string Text, bool Passed)>();
        if (MinRatio is { } ratio)
        {
            lines.Add(($"throughput ratio >= {ratio:0.##}x: {comparison.ThroughputRatio:0.00}x", comparison.ThroughputRatio >= ratio));
        }

        if (MaxP99Ms is { } p99)
        {
            lines.Add(($"{first.Target} p99 < {p99:0.##} ms at {first.Concurrency} connections: {ResultPrinter.Milliseconds(first.P99Ms)} ms", first.P99Ms < p99));
        }

        if (MinRps is { } rps)
        {
            lines.Add(($"{first.Target} >= {rps:N0} tokens/s: {first.Rps:N0}", first.Rps >= rps));
        }

        foreach (var (text, passed) in lines)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"goal {(passed ? "PASS" : "FAIL")}: {text}"));
        }

        return lines.TrueForAll(line => line.Passed);
    }
}
