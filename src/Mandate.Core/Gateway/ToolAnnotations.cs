using System.Text.Json;

namespace Mandate.Core.Gateway;

/// <summary>The level a tool's MCP annotations ask for, with the spec's pessimistic defaults.</summary>
public static class ToolAnnotations
{
    /// <summary>
    /// readOnlyHint true is Read; otherwise destructiveHint false is Write; otherwise Destructive (destructiveHint
    /// defaults to true, and a missing or malformed annotation never makes a tool less dangerous).
    /// </summary>
    public static PermissionLevel LevelOf(JsonElement? annotations)
    {
        if (annotations is not { ValueKind: JsonValueKind.Object } hints)
        {
            return PermissionLevel.Destructive;
        }

        if (hints.TryGetProperty("readOnlyHint", out var readOnly) && readOnly.ValueKind == JsonValueKind.True)
        {
            return PermissionLevel.Read;
        }

        return hints.TryGetProperty("destructiveHint", out var destructive) && destructive.ValueKind == JsonValueKind.False
            ? PermissionLevel.Write
            : PermissionLevel.Destructive;
    }
}
