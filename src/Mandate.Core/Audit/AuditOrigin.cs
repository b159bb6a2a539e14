namespace Mandate.Core.Audit;

/// <summary>
/// Where the decisions being recorded come from: the HTTP request being served (its caller's address and correlation
/// id) or an operator's command. Read only when an event is recorded, so a host can compute the values lazily.
/// </summary>
public abstract class AuditOrigin
{
    /// <summary>The caller's address, after trusted-proxy processing; null when not an HTTP request.</summary>
    public abstract string? SourceAddress { get; }

    /// <summary>The id that finds this request's log lines (W3C trace id or request id).</summary>
    public abstract string? CorrelationId { get; }
}
