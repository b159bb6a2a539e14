namespace Mandate.Storage.Entities;

/// <summary>A grant, session or token that has called a private tool, and the first such tool.</summary>
public sealed class DataFlowTaintEntity
{
    /// <summary>"grant:{id}", "session:{id}" or "token:{jti}".</summary>
    public string Key { get; set; } = "";

    public string Upstream { get; set; } = "";

    public string Tool { get; set; } = "";

    public DateTimeOffset MarkedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}
