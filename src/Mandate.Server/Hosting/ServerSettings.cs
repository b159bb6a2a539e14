namespace Mandate.Server.Hosting;

/// <summary>What `mandate serve` passes to the host on top of configuration (flags win over environment).</summary>
public sealed record ServerSettings
{
    public string? Urls { get; init; }

    public string? Issuer { get; init; }

    public string? DataDir { get; init; }

    public string EnvironmentName { get; init; } = "Production";

    /// <summary>Extra configuration values (tests), applied last.</summary>
    public IReadOnlyDictionary<string, string?> Overrides { get; init; } = new Dictionary<string, string?>();
}
