namespace Mandate.Core.Configuration;

/// <summary>Which gateway.outcome entries the ledger keeps (Ledger:RecordOutcomes).</summary>
public enum OutcomeRecording
{
    /// <summary>One per forwarded call: the upstream's status and the latency (the default).</summary>
    All,

    /// <summary>Only calls that failed: the upstream unreachable, timed out or answering outside 2xx, or the client gone.</summary>
    Failures,
}
