using Mandate.LoadHarness.Results;
using Mandate.LoadHarness.Targets;

namespace Mandate.LoadHarness.Load;

/// <summary>Probe, warm-up, then the measured phase, against one target on a fresh connection pool.</summary>
internal static class TargetBenchmark
{
    public static async Task<RunResult> RunAsync(
        TargetDescription target,
        LoadMode mode,
        LoadSettings settings,
        IReadOnlyList<CodeVerifierPair>? codes,
        CancellationToken cancellationToken)
    {
        var phases = RequestPhases.For(target, mode, codes);
        using var client = LoadHttpClient.Create(settings.Concurrency);
        var probe = await TokenResponseProbe.RunAsync(client, phases.Probe, cancellationToken);
        Console.Error.WriteLine($"[{target.Name}] probe ok: {probe}; warming up {settings.Warmup.TotalSeconds:0.#} s");

        var runner = new LoadRunner(client, new FirstErrorReporter(target.Name));
        await runner.RunAsync(phases.Warmup, settings.Concurrency, settings.Warmup, cancellationToken);
        Console.Error.WriteLine($"[{target.Name}] measuring {settings.Duration.TotalSeconds:0.#} s at {settings.Concurrency} connections");
        var measured = await runner.RunAsync(phases.Measured, settings.Concurrency, settings.Duration, cancellationToken);

        if (mode == LoadMode.AuthCode && measured.Elapsed < settings.Duration * 0.9)
        {
            Console.Error.WriteLine($"[{target.Name}] codes ran out after {measured.Elapsed.TotalSeconds:0.0} s; rate is over that time");
        }

        return RunResult.From(target.Name, mode, settings.Concurrency, probe, measured);
    }
}
