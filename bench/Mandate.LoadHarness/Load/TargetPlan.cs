namespace Mandate.LoadHarness.Load;

/// <summary>Everything needed to load one target in one mode: its requests, what counts as success, and the probe.</summary>
internal sealed record TargetPlan(
    string Name,
    RequestPhases Phases,
    IResponseCheck Check,
    Func<HttpClient, IRequestSource, CancellationToken, Task<ProbeResult>> Probe);
