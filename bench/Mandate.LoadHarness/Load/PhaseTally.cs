namespace Mandate.LoadHarness.Load;

/// <summary>
/// Merged outcome of one phase: sorted latencies of successes, errors, wall-clock time and the CPU time
/// the harness itself used meanwhile (it shares the machine with the server).
/// </summary>
internal sealed record PhaseTally(long[] SortedLatencyTicks, int Errors, TimeSpan Elapsed, TimeSpan HarnessCpu)
{
    public int Successes => SortedLatencyTicks.Length;

    public int Requests => Successes + Errors;

    public static PhaseTally Merge(IReadOnlyCollection<WorkerTally> workers, TimeSpan elapsed, TimeSpan harnessCpu)
    {
        var latencies = workers.SelectMany(worker => worker.LatencyTicks).ToArray();
        Array.Sort(latencies);
        return new PhaseTally(latencies, workers.Sum(worker => worker.Errors), elapsed, harnessCpu);
    }
}
