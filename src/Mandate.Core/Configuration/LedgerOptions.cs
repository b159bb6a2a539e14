namespace Mandate.Core.Configuration;

/// <summary>The audit ledger's settings (docs/configuration.md, docs/ledger.md).</summary>
public sealed class LedgerOptions
{
    /// <summary>How often a checkpoint is signed when the log has grown (never when it has not).</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The log's origin (checkpoint first line and key name), used only when the ledger key is created; by default the
    /// issuer's host, port and path followed by <c>/ledger</c>. The key keeps it from then on.
    /// </summary>
    public string? Origin { get; set; }

    /// <summary>
    /// False records nothing (every decision is discarded and responses carry no Mandate-Audit-Id). Only for measuring
    /// what the ledger costs (docs/benchmarks.md); the server warns at every start while it is off.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Which gateway.outcome entries to keep: All (one per forwarded call) or Failures (only calls that failed). Every
    /// decision, gateway.call included, is recorded either way; Failures halves the ledger's work per successful call.
    /// </summary>
    public OutcomeRecording RecordOutcomes { get; set; } = OutcomeRecording.All;
}
