namespace Mandate.Core.Gateway;

/// <summary>A tool's effective level and why.</summary>
public readonly record struct ToolLevel(PermissionLevel Level, ToolLevelReason Reason)
{
    /// <summary>
    /// The effective level of a record: a hold beats everything, then the operator's override, then the annotations of
    /// the approved definition if the upstream is trusted, else Destructive. Null for an unseen tool without override.
    /// </summary>
    public static ToolLevel? Of(ToolPolicy policy, bool trustAnnotations)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.Status == ToolPolicyStatus.Held)
        {
            return new(PermissionLevel.Deny, ToolLevelReason.Held);
        }

        if (policy.OverrideLevel is { } level)
        {
            return new(level, ToolLevelReason.Override);
        }

        if (policy.Status == ToolPolicyStatus.Unseen)
        {
            return null;
        }

        return trustAnnotations
            ? new(policy.ApprovedLevel, ToolLevelReason.Annotations)
            : new(PermissionLevel.Destructive, ToolLevelReason.Untrusted);
    }
}
