using System.Globalization;
using System.Text.Json;
using Mandate.Core.Gateway;

namespace Mandate.Cli;

/// <summary>A tool record as `policy list --json` prints it, definitions included so an operator can review a change.</summary>
public static class PolicyJson
{
    public static void Write(Utf8JsonWriter w, ToolPolicy policy, ToolLevel? level, Core.Gateway.DataFlow.DataFlowLabels labels)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(policy);
        w.WriteString("tool", policy.Tool);
        w.WriteString("level", level is { } l ? GatewayWords.Level(l.Level) : null);
        w.WriteString("why", level is { } r ? GatewayWords.Why(r.Reason) : null);
        w.WriteString("labels", Core.Gateway.DataFlow.DataFlowLabelNames.Name(labels));
        w.WriteString("label_override", policy.LabelOverride is { } o2 ? Core.Gateway.DataFlow.DataFlowLabelNames.Name(o2) : null);
        w.WriteString("status", GatewayWords.Status(policy.Status));
        w.WriteString("override", policy.OverrideLevel is { } o ? GatewayWords.Level(o) : null);
        w.WriteBoolean("requires_approval", policy.RequiresApproval);
        w.WriteString("annotation_level", policy.Status == ToolPolicyStatus.Unseen ? null : GatewayWords.Level(policy.ApprovedLevel));
        w.WriteString("approved_fingerprint", policy.ApprovedFingerprint);
        WriteDefinition(w, "approved_definition", policy.ApprovedDefinition);
        w.WriteString("pending_fingerprint", policy.PendingFingerprint);
        WriteDefinition(w, "pending_definition", policy.PendingDefinition);
        w.WriteString("updated_at", policy.UpdatedAt.ToString("o", CultureInfo.InvariantCulture));
    }

    private static void WriteDefinition(Utf8JsonWriter w, string name, string? json)
    {
        w.WritePropertyName(name);
        if (json is null)
        {
            w.WriteNullValue();
        }
        else
        {
            w.WriteRawValue(json);
        }
    }
}
