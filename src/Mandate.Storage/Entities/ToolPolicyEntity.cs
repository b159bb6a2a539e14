using Mandate.Core.Gateway;

namespace Mandate.Storage.Entities;

public sealed class ToolPolicyEntity
{
    public string Upstream { get; set; } = "";

    public string Tool { get; set; } = "";

    public ToolPolicyStatus Status { get; set; }

    public string? ApprovedFingerprint { get; set; }

    public string? ApprovedDefinition { get; set; }

    public PermissionLevel ApprovedLevel { get; set; }

    public string? PendingFingerprint { get; set; }

    public string? PendingDefinition { get; set; }

    public PermissionLevel? OverrideLevel { get; set; }

    public Mandate.Core.Gateway.DataFlow.DataFlowLabels? LabelOverride { get; set; }

    public bool RequiresApproval { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public long Version { get; set; }
}
