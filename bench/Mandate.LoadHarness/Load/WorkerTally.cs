namespace Mandate.LoadHarness.Load;

/// <summary>What one worker saw: latencies of successful requests (Stopwatch ticks) and its error count.</summary>
internal sealed class WorkerTally
{
    public List<long> LatencyTicks { get; } = new(capacity: 16_384);

    public int Errors { get; set; }
}
