using System.Diagnostics;

namespace Mandate.LoadHarness.Results;

/// <summary>Nearest-rank percentiles of sorted Stopwatch tick latencies, in milliseconds.</summary>
internal sealed record LatencySummary(double P50Ms, double P90Ms, double P99Ms, double MaxMs)
{
    public static LatencySummary FromSortedTicks(long[] sorted) => sorted.Length == 0
        ? new LatencySummary(double.NaN, double.NaN, double.NaN, double.NaN)
        : new LatencySummary(Percentile(sorted, 0.50), Percentile(sorted, 0.90), Percentile(sorted, 0.99), ToMilliseconds(sorted[^1]));

    private static double Percentile(long[] sorted, double quantile)
    {
        var rank = (int)Math.Ceiling(quantile * sorted.Length);
        return ToMilliseconds(sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)]);
    }

    private static double ToMilliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
