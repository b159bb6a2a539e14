using Mandate.Core.Audit;

namespace Mandate.Core.Vault;

/// <summary>
/// The vault's ledger events. They name the person (<c>subject</c>) and the connector (<c>resource</c> =
/// <c>connector:NAME</c>) and, on failure, the OAuth error code: never a token, key or secret.
/// </summary>
public sealed class VaultAudit(IAuditSink sink, TimeProvider time)
{
    public const string ConnectKind = "vault.connect";
    public const string DisconnectKind = "vault.disconnect";
    public const string RefreshKind = "vault.refresh";
    public const string RefreshFailedKind = "vault.refresh_failed";

    public static string ResourceOf(string connector) => "connector:" + connector;

    public ValueTask<long> RecordAsync(string kind, string decision, string userId, string connector, string? reason, CancellationToken cancellationToken) =>
        sink.RecordAsync(
            new AuditEvent
            {
                Timestamp = time.GetUtcNow(),
                Kind = kind,
                Decision = decision,
                Subject = userId,
                Resource = ResourceOf(connector),
                Reason = reason,
            },
            cancellationToken);
}
