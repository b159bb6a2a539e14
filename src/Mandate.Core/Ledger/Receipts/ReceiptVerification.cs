using Mandate.Core.Audit;
using Mandate.Protocol.Transparency.Checkpoints;

namespace Mandate.Core.Ledger.Receipts;

/// <summary>The outcome of <see cref="ReceiptVerifier.Verify"/>: valid with the checkpoint and the event, or why not.</summary>
public sealed record ReceiptVerification(bool IsValid, string? Error, Checkpoint? Checkpoint, AuditEvent? Event)
{
    public static ReceiptVerification Fail(string error) => new(false, error, null, null);
}
