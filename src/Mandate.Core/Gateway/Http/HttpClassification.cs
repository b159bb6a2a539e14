namespace Mandate.Core.Gateway.Http;

/// <summary>What an HTTP request needs: its level, and the rule that said so (null: the method's default).</summary>
public sealed record HttpClassification(PermissionLevel Level, HttpRule? Rule)
{
    /// <summary>For the audit event: "rule 3 (GET /repos/**)" or "method default".</summary>
    public string Reason => Rule is { } rule
        ? $"rule {rule.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)} ({rule.Method} {rule.Path})"
        : "method default";
}
