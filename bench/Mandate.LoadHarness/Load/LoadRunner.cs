using System.Diagnostics;

namespace Mandate.LoadHarness.Load;

/// <summary>
/// Closed loop: each worker sends a request, waits for the whole response, records it and sends the next,
/// until the phase deadline passes or the request source is exhausted. Requests in flight at the deadline
/// finish and count; the phase's elapsed time runs until the last of them has completed.
/// </summary>
internal sealed class LoadRunner(HttpClient client, IResponseCheck check, FirstErrorReporter errorReporter)
{
    public async Task<PhaseTally> RunAsync(IRequestSource source, int concurrency, TimeSpan duration, CancellationToken cancellationToken)
    {
        var cpuAtStart = Environment.CpuUsage.TotalTime;
        var start = Stopwatch.GetTimestamp();
        var deadline = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, concurrency)
            .Select(_ => Task.Run(() => RunWorkerAsync(source, deadline, cancellationToken), cancellationToken))
            .ToArray();
        var tallies = await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(start);
        return PhaseTally.Merge(tallies, elapsed, Environment.CpuUsage.TotalTime - cpuAtStart);
    }

    private async Task<WorkerTally> RunWorkerAsync(IRequestSource source, long deadline, CancellationToken cancellationToken)
    {
        var tally = new WorkerTally();
        while (Stopwatch.GetTimestamp() < deadline && source.NextRequest() is { } request)
        {
            using (request)
            {
                var sent = Stopwatch.GetTimestamp();
                if (await SendAsync(request, cancellationToken))
                {
                    tally.LatencyTicks.Add(Stopwatch.GetTimestamp() - sent);
                }
                else
                {
                    tally.Errors++;
                }
            }
        }

        return tally;
    }

    private async Task<bool> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            // The default completion option buffers the whole body, so the latency covers it.
            using var response = await client.SendAsync(request, cancellationToken);
            if (await check.FailureAsync(response, cancellationToken) is not { } failure)
            {
                return true;
            }

            errorReporter.Report(failure);
            return false;
        }
        catch (HttpRequestException exception)
        {
            errorReporter.Report(exception.Message);
            return false;
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            errorReporter.Report($"timeout: {exception.Message}");
            return false;
        }
    }
}
