namespace Mandate.Core.Audit;

/// <summary>
/// One decision worth remembering: who acted, for whom, what they tried, what was decided and why. Recorded through
/// <see cref="IAuditSink"/> as an entry of the tamper-evident ledger (docs/ledger.md); every string is redacted of
/// credentials first.
/// </summary>
public sealed record AuditEvent
{
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>e.g. "gateway.call".</summary>
    public required string Kind { get; init; }

    /// <summary>allow, deny, error.</summary>
    public required string Decision { get; init; }

    public string? Reason { get; init; }

    public string? Subject { get; init; }

    public string? ClientId { get; init; }

    public string? TokenId { get; init; }

    public string? Upstream { get; init; }

    /// <summary>The protected resource (token audience) the decision was about, for token events.</summary>
    public string? Resource { get; init; }

    /// <summary>The JSON-RPC method of a gateway event; the grant type of a token event.</summary>
    public string? Method { get; init; }

    /// <summary>The scopes granted (token events), space-separated.</summary>
    public string? Scope { get; init; }

    public string? Tool { get; init; }

    /// <summary>SHA-256 (base64url) of the canonical arguments JSON; never the arguments themselves.</summary>
    public string? ArgumentsDigest { get; init; }

    public double? LatencyMs { get; init; }

    /// <summary>The RFC 8693 act chain (current actor outermost) as compact JSON, when a delegated token acted.</summary>
    public string? ActorChain { get; init; }

    public int? UpstreamStatus { get; init; }

    /// <summary>The caller's address (after trusted-proxy processing), when the decision was about an HTTP request.</summary>
    public string? SourceAddress { get; init; }

    /// <summary>The request's correlation id (the W3C trace id, or the server's request id), to find its log lines.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>The audit id of the event this one completes: a gateway outcome names the decision that let its call through.</summary>
    public long? RelatesTo { get; init; }
}
