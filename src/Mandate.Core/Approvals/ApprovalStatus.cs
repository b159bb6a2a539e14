namespace Mandate.Core.Approvals;

/// <summary>
/// The life of an approval request: Pending, then Approved or Denied by the person (or Expired), and an approved one is
/// Consumed exactly once by whoever waited for it.
/// </summary>
public enum ApprovalStatus
{
    Pending,
    Approved,
    Denied,
    Expired,
    Consumed,
}
