namespace Mandate.Core.Ledger.Receipts;

public enum ReceiptStatus
{
    /// <summary>The entry is covered by the latest checkpoint: here is its receipt.</summary>
    Found,

    /// <summary>The entry is stored but no checkpoint covers it yet (one follows within Ledger:CheckpointInterval).</summary>
    Pending,

    /// <summary>There is no entry with this id.</summary>
    NotFound,
}
