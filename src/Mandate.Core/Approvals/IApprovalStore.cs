namespace Mandate.Core.Approvals;

/// <summary>
/// Durable approval requests. Every state change is one conditional update, so two deciders (the console and the CLI,
/// or two waiters consuming) never both win. Records only: <see cref="ApprovalService"/> adds the ledger events.
/// </summary>
public interface IApprovalStore
{
    Task CreateAsync(ApprovalRequest request, CancellationToken cancellationToken);

    Task<ApprovalRequest?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Pending and unexpired requests, oldest first; of one person, or of everyone when <paramref name="subject"/> is null (operators).</summary>
    Task<IReadOnlyList<ApprovalRequest>> ListPendingAsync(string? subject, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Pending and unexpired (and, when <paramref name="subject"/> is given, that person's) becomes Approved or Denied;
    /// returns whether this call changed it.
    /// </summary>
    Task<bool> DecideAsync(string id, string decidedBy, bool approve, string? subject, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Approved and unexpired becomes Consumed; true for exactly one caller, however many race.</summary>
    Task<bool> ConsumeAsync(string id, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Marks Pending and Approved requests whose time is up as Expired and returns them (as they now are).</summary>
    Task<IReadOnlyList<ApprovalRequest>> ExpireDueAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes denied, expired and consumed requests that expired before <paramref name="before"/> (the ledger keeps their story); returns how many.</summary>
    Task<int> DeleteFinishedAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
