using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Mandate.LoadHarness.Results;

/// <summary>Writes results as JSON lines (stdout and optionally a file) and as a human-readable table.</summary>
internal static class ResultPrinter
{
    private static readonly CompositeFormat RowFormat =
        CompositeFormat.Parse("{0,-16} {1,-19} {2,5} {3,10} {4,7} {5,10} {6,8} {7,8} {8,8} {9,8} {10,9}");

    public static async Task WriteJsonLineAsync(RunResult result, FileInfo? jsonOut, CancellationToken cancellationToken)
    {
        var line = JsonSerializer.Serialize(result, HarnessJsonContext.Relaxed.RunResult);
        Console.WriteLine(line);
        if (jsonOut is not null)
        {
            await File.AppendAllLinesAsync(jsonOut.FullName, [line], cancellationToken);
        }
    }

    public static void WriteTable(IEnumerable<RunResult> results)
    {
        Console.WriteLine(Row("target", "grant", "conns", "requests", "errors", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "gen cores"));
        foreach (var result in results)
        {
            Console.WriteLine(Row(
                result.Target,
                result.GrantType,
                result.Concurrency,
                result.Requests.ToString("N0", CultureInfo.InvariantCulture),
                result.Errors,
                result.Rps.ToString("N0", CultureInfo.InvariantCulture),
                Milliseconds(result.P50Ms),
                Milliseconds(result.P90Ms),
                Milliseconds(result.P99Ms),
                Milliseconds(result.MaxMs),
                result.HarnessCpuCores.ToString("0.00", CultureInfo.InvariantCulture)));
        }
    }

    public static string Milliseconds(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Row(params object[] cells) => string.Format(CultureInfo.InvariantCulture, RowFormat, cells);
}
