namespace Mandate.Core.Audit;

/// <summary>
/// Operator changes (clients, users, resources, upstreams, keys) as "admin.*" events in the ledger: what changed and,
/// for a change made from the command line, the operating-system account that ran the command. Secrets are never part
/// of the reason; the ledger's redaction filter is the second line of defence, not the first.
/// </summary>
public sealed class AdminAudit(IAuditSink sink, TimeProvider time)
{
    public const string ClientRemoved = "admin.client_removed";
    public const string UserAdded = "admin.user_added";
    public const string PasswordSet = "admin.user_password_set";
    public const string AdminSet = "admin.user_admin_set";
    public const string ResourceSaved = "admin.resource_saved";
    public const string ResourceRemoved = "admin.resource_removed";
    public const string UpstreamSaved = "admin.upstream_saved";
    public const string UpstreamRemoved = "admin.upstream_removed";

    /// <param name="kind">One of the constants of this class (or a feature's own "admin.*" kind).</param>
    /// <param name="reason">What changed, in words.</param>
    public ValueTask<long> RecordAsync(string kind, string reason, CancellationToken cancellationToken, string? clientId = null, string? subject = null, string? upstream = null, string? resource = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentException.ThrowIfNullOrEmpty(reason);
        return sink.RecordAsync(new AuditEvent
        {
            Timestamp = time.GetUtcNow(),
            Kind = kind,
            Decision = "allow",
            Reason = AuditContext.Current is null ? $"{reason} (by {Operator()} from the command line)" : reason,
            ClientId = clientId,
            Subject = subject,
            Upstream = upstream,
            Resource = resource,
        }, cancellationToken);
    }

    private static string Operator()
    {
        var name = Environment.UserName;
        return string.IsNullOrWhiteSpace(name) ? "an operator" : $"operator account '{name}' on {Environment.MachineName}";
    }
}
