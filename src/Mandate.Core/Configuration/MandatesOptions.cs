namespace Mandate.Core.Configuration;

/// <summary>Task-bound mandates (RFC 9396 authorization_details of type mandate; docs/mandates.md).</summary>
public sealed class MandatesOptions
{
    /// <summary>How far in the future a mandate's expires_at may be when it is requested.</summary>
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromDays(1);
}
