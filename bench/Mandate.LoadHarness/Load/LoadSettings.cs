namespace Mandate.LoadHarness.Load;

/// <summary>Closed-loop shape: <see cref="Concurrency"/> workers, each with one request in flight.</summary>
internal sealed record LoadSettings(int Concurrency, TimeSpan Warmup, TimeSpan Duration);
