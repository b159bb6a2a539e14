using Mandate.LoadHarness.Load;

namespace Mandate.LoadHarness.Results;

/// <summary>One measured phase against one target; serialized as a snake_case JSON line.</summary>
internal sealed record RunResult
{
    public required string Target { get; init; }

    public required string Mode { get; init; }

    public required string GrantType { get; init; }

    public required int Concurrency { get; init; }

    /// <summary>Completed requests, successful or not.</summary>
    public required int Requests { get; init; }

    /// <summary>Non-200 responses and transport failures.</summary>
    public required int Errors { get; init; }

    public required double ElapsedS { get; init; }

    /// <summary>Successful (200) responses per second.</summary>
    public required double Rps { get; init; }

    public required double P50Ms { get; init; }

    public required double P90Ms { get; init; }

    public required double P99Ms { get; init; }

    public required double MaxMs { get; init; }

    /// <summary>From the probe: the access token's kind (JWS alg/typ), or how an MCP call's JSON-RPC result came back.</summary>
    public required string ResponseFormat { get; init; }

    /// <summary>CPU cores the load harness itself kept busy during the measured phase.</summary>
    public required double HarnessCpuCores { get; init; }

    public static RunResult From(string target, LoadMode mode, int concurrency, ProbeResult probe, PhaseTally tally)
    {
        var latency = LatencySummary.FromSortedTicks(tally.SortedLatencyTicks);
        return new RunResult
        {
            Target = target,
            Mode = mode.CommandName(),
            GrantType = mode.GrantType(),
            Concurrency = concurrency,
            Requests = tally.Requests,
            Errors = tally.Errors,
            ElapsedS = Math.Round(tally.Elapsed.TotalSeconds, 3),
            Rps = Math.Round(tally.Successes / tally.Elapsed.TotalSeconds, 1),
            P50Ms = Math.Round(latency.P50Ms, 2),
            P90Ms = Math.Round(latency.P90Ms, 2),
            P99Ms = Math.Round(latency.P99Ms, 2),
            MaxMs = Math.Round(latency.MaxMs, 2),
            ResponseFormat = probe.Format,
            HarnessCpuCores = Math.Round(tally.HarnessCpu / tally.Elapsed, 2),
        };
    }
}
