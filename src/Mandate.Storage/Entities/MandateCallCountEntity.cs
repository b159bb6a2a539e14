namespace Mandate.Storage.Entities;

/// <summary>How many calls of one tool a mandate grant has made (docs/mandates.md, "Counting").</summary>
public sealed class MandateCallCountEntity
{
    public string GrantId { get; set; } = "";

    public string Tool { get; set; } = "";

    public int Calls { get; set; }

    /// <summary>The mandate's expiry: the row is useless after it.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}
