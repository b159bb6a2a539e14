using Mandate.LoadHarness.Results;

namespace Mandate.LoadHarness.Load;

/// <summary>Probe, warm-up, then the measured phase, against one target on a fresh connection pool.</summary>
internal static class TargetBenchmark
{
    public static async Task<RunResult> RunAsync(TargetPlan plan, LoadMode mode, LoadSettings settings, CancellationToken cancellationToken)
    {
        using var client = LoadHttpClient.Create(settings.Concurrency);
        var probe = await plan.Probe(client, plan.Phases.Probe, cancellationToken);
        Console.Error.WriteLine($"[{plan.Name}] probe ok: {probe}; warming up {settings.Warmup.TotalSeconds:0.#} s");

        var runner = new LoadRunner(client, plan.Check, new FirstErrorReporter(plan.Name));
        await runner.RunAsync(plan.Phases.Warmup, settings.Concurrency, settings.Warmup, cancellationToken);
        Console.Error.WriteLine($"[{plan.Name}] measuring {settings.Duration.TotalSeconds:0.#} s at {settings.Concurrency} connections");
        var measured = await runner.RunAsync(plan.Phases.Measured, settings.Concurrency, settings.Duration, cancellationToken);

        if (mode == LoadMode.AuthCode && measured.Elapsed < settings.Duration * 0.9)
        {
            Console.Error.WriteLine($"[{plan.Name}] codes ran out after {measured.Elapsed.TotalSeconds:0.0} s; rate is over that time");
        }

        return RunResult.From(plan.Name, mode, settings.Concurrency, probe, measured);
    }
}
