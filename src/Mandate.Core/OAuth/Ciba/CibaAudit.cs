using Mandate.Core.Audit;

namespace Mandate.Core.OAuth.Ciba;

/// <summary>The ledger events of the CIBA endpoints: every backchannel request and every final answer at /token.</summary>
public sealed class CibaAudit(IAuditSink audit, TimeProvider time)
{
    public const string RequestKind = "ciba.request";
    public const string TokenKind = "ciba.token";

    public ValueTask<long> RecordAsync(string kind, string decision, string reason, string clientId, string? subject, string? resource, string? tokenId, CancellationToken cancellationToken) =>
        audit.RecordAsync(new AuditEvent
        {
            Timestamp = time.GetUtcNow(),
            Kind = kind,
            Decision = decision,
            Reason = reason,
            Subject = subject,
            ClientId = clientId,
            Resource = resource,
            TokenId = tokenId,
        }, cancellationToken);
}
