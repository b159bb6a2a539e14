using Mandate.Core.Audit;

namespace Mandate.Core.Users;

/// <summary>
/// Console sign-ins in the ledger: "signin.succeeded" naming the person, "signin.failed" and "signin.locked_out" naming
/// the account only when the username exists (a mistyped password in the username field must not end up in a
/// permanent record), with the address from the request. Failures are throttled per address, so a password-guessing
/// run is visible without growing the ledger at the attacker's pace.
/// </summary>
public sealed class SignInAudit(IAuditSink sink, TimeProvider time)
{
    public const string SucceededKind = "signin.succeeded";
    public const string FailedKind = "signin.failed";
    public const string LockedOutKind = "signin.locked_out";

    private const int FailuresAuditedPerMinute = 60;

    private readonly AuditThrottle throttle = new(FailuresAuditedPerMinute, time);

    public ValueTask<long> SucceededAsync(string userId, CancellationToken cancellationToken) =>
        sink.RecordAsync(Event(SucceededKind, "allow", "password", userId), cancellationToken);

    /// <param name="userId">The account the username names, or null when there is none.</param>
    public async ValueTask FailedAsync(string? userId, bool lockedOut, CancellationToken cancellationToken)
    {
        if (!throttle.TryAcquire(AuditContext.Current?.SourceAddress ?? "unknown"))
        {
            return;
        }

        var auditEvent = lockedOut
            ? Event(LockedOutKind, "deny", "refused without checking the password: too many failures", userId)
            : Event(FailedKind, "deny", userId is null ? "no such user" : "wrong password", userId);
        await sink.RecordAsync(auditEvent, cancellationToken);
    }

    private AuditEvent Event(string kind, string decision, string reason, string? userId) =>
        new() { Timestamp = time.GetUtcNow(), Kind = kind, Decision = decision, Reason = reason, Subject = userId };
}
