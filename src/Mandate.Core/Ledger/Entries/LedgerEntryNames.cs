namespace Mandate.Core.Ledger.Entries;

/// <summary>The members of a version 1 ledger entry (docs/ledger.md, "Entries"). Absent members mean "none".</summary>
public static class LedgerEntryNames
{
    public const string Version = "v";
    public const string Time = "time";
    public const string Kind = "kind";
    public const string Decision = "decision";
    public const string Reason = "reason";
    public const string Subject = "sub";
    public const string ClientId = "client_id";
    public const string TokenId = "jti";
    public const string Actor = "act";
    public const string Upstream = "upstream";
    public const string Resource = "resource";
    public const string Method = "method";
    public const string Scope = "scope";
    public const string Tool = "tool";
    public const string ArgumentsDigest = "arguments_sha256";
    public const string LatencyMs = "latency_ms";
    public const string UpstreamStatus = "upstream_status";
    public const string SourceAddress = "source_address";
    public const string CorrelationId = "correlation_id";
    public const string RelatesTo = "relates_to";
    public const string Truncated = "truncated";
}
