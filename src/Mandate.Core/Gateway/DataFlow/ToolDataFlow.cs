using System.Text.Json;

namespace Mandate.Core.Gateway.DataFlow;

/// <summary>
/// A tool's effective labels: the operator's (mandate policy set --label) when set, else egress when its approved
/// definition says <c>openWorldHint: true</c> and the upstream's annotations are trusted, else none. Nothing is
/// private unless an operator says so: no annotation says "returns private data".
/// </summary>
public static class ToolDataFlow
{
    public static DataFlowLabels Of(ToolPolicy? policy, bool trustAnnotations)
    {
        if (policy is null)
        {
            return DataFlowLabels.None;
        }

        if (policy.LabelOverride is { } labels)
        {
            return labels;
        }

        return trustAnnotations && policy.Status != ToolPolicyStatus.Unseen && OpenWorld(policy.ApprovedDefinition)
            ? DataFlowLabels.Egress
            : DataFlowLabels.None;
    }

    private static bool OpenWorld(string? definition)
    {
        // Most definitions have no such hint: skip parsing them on the gateway's hot path.
        if (definition is null || !definition.Contains("\"openWorldHint\"", StringComparison.Ordinal))
        {
            return false;
        }

        using var document = JsonDocument.Parse(definition);
        return document.RootElement.TryGetProperty("annotations", out var annotations) && annotations.ValueKind == JsonValueKind.Object
            && annotations.TryGetProperty("openWorldHint", out var hint) && hint.ValueKind == JsonValueKind.True;
    }
}
