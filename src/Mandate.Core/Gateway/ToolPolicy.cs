namespace Mandate.Core.Gateway;

/// <summary>What Mandate remembers of one upstream tool: the definition it approved, a pending change, and the operator's word.</summary>
public sealed record ToolPolicy
{
    public required string Upstream { get; init; }

    public required string Tool { get; init; }

    public ToolPolicyStatus Status { get; init; }

    /// <summary>SHA-256 of the approved definition's canonical JSON (null while <see cref="ToolPolicyStatus.Unseen"/>).</summary>
    public string? ApprovedFingerprint { get; init; }

    public string? ApprovedDefinition { get; init; }

    /// <summary>
    /// The level the approved definition's annotations ask for, never lowered by a later annotation change. It is the
    /// default only when the upstream's annotations are trusted; untrusted upstreams default to Destructive.
    /// </summary>
    public PermissionLevel ApprovedLevel { get; init; } = PermissionLevel.Destructive;

    public string? PendingFingerprint { get; init; }

    public string? PendingDefinition { get; init; }

    /// <summary>The operator's level, which wins over the default (but not over a hold).</summary>
    public PermissionLevel? OverrideLevel { get; init; }

    /// <summary>The operator's data-flow labels (private, egress), which win over the openWorldHint default.</summary>
    public DataFlow.DataFlowLabels? LabelOverride { get; init; }

    /// <summary>
    /// The operator's "--level approval": every call also needs a person's approval, held at the gateway (the scope of
    /// the tool's level is still needed first).
    /// </summary>
    public bool RequiresApproval { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Optimistic concurrency: the store only updates the row still at this version.</summary>
    public long Version { get; init; }
}
