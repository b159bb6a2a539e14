namespace Mandate.Core.Audit;

/// <summary>What to look for in the audit trail; null filters match everything. Text filters compare exactly.</summary>
public sealed record AuditQuery
{
    /// <summary>The person (<c>sub</c>).</summary>
    public string? Subject { get; init; }

    /// <summary>The acting client (agent).</summary>
    public string? ClientId { get; init; }

    public string? Upstream { get; init; }

    public string? Tool { get; init; }

    public string? Decision { get; init; }

    public string? Kind { get; init; }

    /// <summary>Only events at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Only entries with a larger audit id (to follow the log).</summary>
    public long? AfterId { get; init; }

    /// <summary>Only entries with a smaller audit id (to page back through the log).</summary>
    public long? BeforeId { get; init; }

    /// <summary>The most entries to return.</summary>
    public int Limit { get; init; } = 100;

    /// <summary>Newest first (the last <see cref="Limit"/>); otherwise oldest first.</summary>
    public bool NewestFirst { get; init; }
}
