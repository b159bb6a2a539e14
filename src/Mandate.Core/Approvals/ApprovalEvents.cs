namespace Mandate.Core.Approvals;

/// <summary>The ledger event kinds of approval requests (docs/approvals.md).</summary>
public static class ApprovalEvents
{
    public const string Requested = "approval.requested";
    public const string Approved = "approval.approved";
    public const string Denied = "approval.denied";
    public const string Expired = "approval.expired";
    public const string Consumed = "approval.consumed";
}
