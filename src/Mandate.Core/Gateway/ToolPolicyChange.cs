namespace Mandate.Core.Gateway;

/// <summary>The record to keep after a listing, and how it came about.</summary>
/// <param name="Policy">The record as it should now be stored.</param>
/// <param name="Previous">The record before (null when the tool had none).</param>
public sealed record ToolPolicyChange(ToolChangeKind Kind, ToolPolicy Policy, ToolPolicy? Previous)
{
    /// <summary>
    /// Compares a listed definition with the record. Content changes are judged against the approved definition, so a
    /// held tool whose upstream goes back to what was approved (or only re-annotates it) is released, never widened.
    /// </summary>
    public static ToolPolicyChange Compare(string upstream, ToolPolicy? recorded, ToolDefinition listed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(listed);
        if (recorded is null || recorded.Status == ToolPolicyStatus.Unseen || recorded.ApprovedDefinition is null)
        {
            var approved = (recorded ?? new ToolPolicy { Upstream = upstream, Tool = listed.Name }) with
            {
                Status = ToolPolicyStatus.Approved,
                ApprovedFingerprint = listed.Fingerprint,
                ApprovedDefinition = listed.Json,
                ApprovedLevel = listed.AnnotationLevel,
                UpdatedAt = now,
            };
            return new(ToolChangeKind.New, approved, recorded);
        }

        if (listed.Fingerprint == recorded.ApprovedFingerprint)
        {
            return recorded.Status == ToolPolicyStatus.Held
                ? new(ToolChangeKind.Reverted, Release(recorded, now), recorded)
                : new(ToolChangeKind.Unchanged, recorded, recorded);
        }

        if (ToolDefinition.FromJson(recorded.ApprovedDefinition) is { } approvedDefinition
            && approvedDefinition.ContentFingerprint == listed.ContentFingerprint)
        {
            var reannotated = Release(recorded, now) with
            {
                ApprovedFingerprint = listed.Fingerprint,
                ApprovedDefinition = listed.Json,
                ApprovedLevel = (PermissionLevel)Math.Max((int)recorded.ApprovedLevel, (int)listed.AnnotationLevel),
            };
            return new(ToolChangeKind.AnnotationsChanged, reannotated, recorded);
        }

        if (recorded.Status == ToolPolicyStatus.Held && recorded.PendingFingerprint == listed.Fingerprint)
        {
            return new(ToolChangeKind.Unchanged, recorded, recorded);
        }

        var held = recorded with
        {
            Status = ToolPolicyStatus.Held,
            PendingFingerprint = listed.Fingerprint,
            PendingDefinition = listed.Json,
            UpdatedAt = now,
        };
        return new(ToolChangeKind.DefinitionChanged, held, recorded);
    }

    private static ToolPolicy Release(ToolPolicy policy, DateTimeOffset now) => policy with
    {
        Status = ToolPolicyStatus.Approved,
        PendingFingerprint = null,
        PendingDefinition = null,
        UpdatedAt = now,
    };
}
