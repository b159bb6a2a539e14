namespace Mandate.Storage.Entities;

/// <summary>One row of the append-only audit table; nothing updates or deletes it.</summary>
public sealed class AuditEventEntity
{
    public long Id { get; set; }

    public DateTimeOffset Timestamp { get; set; }

    public string Kind { get; set; } = "";

    public string Decision { get; set; } = "";

    public string? Reason { get; set; }

    public string? Subject { get; set; }

    public string? ClientId { get; set; }

    public string? TokenId { get; set; }

    public string? Upstream { get; set; }

    public string? Resource { get; set; }

    public string? SourceAddress { get; set; }

    public string? Method { get; set; }

    public string? Tool { get; set; }

    public string? ArgumentsDigest { get; set; }

    public double? LatencyMs { get; set; }

    /// <summary>The RFC 8693 act chain as compact JSON.</summary>
    public string? ActorChain { get; set; }

    public int? UpstreamStatus { get; set; }
}
