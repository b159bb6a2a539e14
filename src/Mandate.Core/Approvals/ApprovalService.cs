using Mandate.Core.Audit;
using Microsoft.Extensions.Logging;

namespace Mandate.Core.Approvals;

/// <summary>
/// Approval requests with their consequences: every create, decision, consumption and expiry is a ledger event;
/// new requests go to the notifiers; decisions wake waiters in this process.
/// </summary>
public sealed class ApprovalService(
    IApprovalStore store,
    IEnumerable<IApprovalNotifier> notifiers,
    IApprovalSignal signal,
    IAuditSink audit,
    TimeProvider time,
    ILogger<ApprovalService> logger)
{
    public IApprovalStore Store => store;

    /// <summary>Stores the request, records <c>approval.requested</c>, and hands it to the notifiers without waiting for them.</summary>
    public async Task CreateAsync(ApprovalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await store.CreateAsync(request, cancellationToken);
        await audit.RecordAsync(Event(request, ApprovalEvents.Requested, "pending", $"approval {request.Id} ({Describe(request.Kind)}) until {request.ExpiresAt:O}"), cancellationToken);
        ApprovalLog.Created(logger, request.Id, request.Kind, request.ClientId);
        foreach (var notifier in notifiers)
        {
            _ = Task.Run(() => NotifyAsync(notifier, request), CancellationToken.None);
        }
    }

    public Task<ApprovalRequest?> FindAsync(string id, CancellationToken cancellationToken) =>
        ApprovalIds.IsPlausible(id) ? store.FindAsync(id, cancellationToken) : Task.FromResult<ApprovalRequest?>(null);

    public Task<IReadOnlyList<ApprovalRequest>> ListPendingAsync(string? subject, CancellationToken cancellationToken) =>
        store.ListPendingAsync(subject, time.GetUtcNow(), cancellationToken);

    /// <summary>
    /// Approves or denies a pending, unexpired request (only the person's own when <paramref name="subject"/> is given);
    /// false when it was not (or no longer) pending, or not theirs.
    /// </summary>
    public async Task<bool> DecideAsync(string id, string decidedBy, bool approve, string? subject, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(decidedBy);
        if (!ApprovalIds.IsPlausible(id) || !await store.DecideAsync(id, decidedBy, approve, subject, time.GetUtcNow(), cancellationToken))
        {
            return false;
        }

        var decided = await store.FindAsync(id, cancellationToken);
        if (decided is not null)
        {
            await audit.RecordAsync(
                Event(decided, approve ? ApprovalEvents.Approved : ApprovalEvents.Denied, approve ? "allow" : "deny", $"approval {id} {(approve ? "approved" : "denied")} by {decidedBy}"),
                cancellationToken);
        }

        ApprovalLog.Decided(logger, id, approve ? "approved" : "denied", decidedBy);
        signal.Signal(id);
        return true;
    }

    /// <summary>Uses up an approved, unexpired request; true exactly once.</summary>
    public async Task<bool> ConsumeAsync(string id, CancellationToken cancellationToken)
    {
        if (!await store.ConsumeAsync(id, time.GetUtcNow(), cancellationToken))
        {
            return false;
        }

        if (await store.FindAsync(id, cancellationToken) is { } consumed)
        {
            await audit.RecordAsync(Event(consumed, ApprovalEvents.Consumed, "allow", $"approval {id} used"), cancellationToken);
        }

        return true;
    }

    /// <summary>Expires every request whose time is up, records <c>approval.expired</c> for each, and wakes their waiters.</summary>
    public async Task<IReadOnlyList<ApprovalRequest>> ExpireDueAsync(CancellationToken cancellationToken)
    {
        var expired = await store.ExpireDueAsync(time.GetUtcNow(), cancellationToken);
        if (expired.Count > 0)
        {
            await audit.RecordAllAsync([.. expired.Select(r => Event(r, ApprovalEvents.Expired, "deny", $"approval {r.Id} expired"))], cancellationToken);
            foreach (var request in expired)
            {
                ApprovalLog.Expired(logger, request.Id);
                signal.Signal(request.Id);
            }
        }

        return expired;
    }

    /// <summary>
    /// Waits until the request is no longer pending or <paramref name="timeout"/> passes, re-reading the store every
    /// <paramref name="pollInterval"/> (decisions made by another process are not signalled); returns it as it then is.
    /// </summary>
    public async Task<ApprovalRequest?> WaitForDecisionAsync(string id, TimeSpan timeout, TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + timeout;
        while (true)
        {
            var request = await store.FindAsync(id, cancellationToken);
            var now = time.GetUtcNow();
            if (request is null || !request.IsPendingAt(now) || now >= deadline)
            {
                return request;
            }

            var wait = deadline - now < pollInterval ? deadline - now : pollInterval;
            await signal.WaitAsync(id, wait, cancellationToken);
        }
    }

    private async Task NotifyAsync(IApprovalNotifier notifier, ApprovalRequest request)
    {
        try
        {
            await notifier.NotifyAsync(request, CancellationToken.None);
        }
#pragma warning disable CA1031 // A failing notifier must not fail the request it tells about; it is logged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            ApprovalLog.NotifierFailed(logger, ex, notifier.GetType().Name, request.Id);
        }
    }

    private AuditEvent Event(ApprovalRequest request, string kind, string decision, string reason) => new()
    {
        Timestamp = time.GetUtcNow(),
        Kind = kind,
        Decision = decision,
        Reason = reason,
        Subject = request.Subject,
        ClientId = request.ClientId,
        Upstream = request.Upstream,
        Tool = request.Tool,
        ArgumentsDigest = request.ArgumentsDigest,
        ActorChain = request.ActChain,
    };

    private static string Describe(ApprovalKind kind) => kind == ApprovalKind.Ciba ? "backchannel authentication" : "tool call";
}
