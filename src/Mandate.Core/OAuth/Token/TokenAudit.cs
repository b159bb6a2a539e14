using Mandate.Core.Audit;
using Mandate.Core.Clients;

namespace Mandate.Core.OAuth.Token;

/// <summary>
/// The ledger events of the token endpoint: "token.issued" (authorization code, client credentials),
/// "token.refreshed" and "token.refused", with the client, the person, the access token's jti, audience and scope, and
/// for a refusal the error and its description (which never quote a token). Refusals are throttled per source address
/// (or client, outside a request) so that a client hammering the endpoint cannot flood the ledger; issued tokens never
/// are.
/// </summary>
public sealed class TokenAudit(IAuditSink sink, TimeProvider time)
{
    public const string IssuedKind = "token.issued";
    public const string RefreshedKind = "token.refreshed";
    public const string RefusedKind = "token.refused";

    /// <summary>Per source address and minute: past this, refusals are not each recorded.</summary>
    private const int RefusalsAuditedPerMinute = 60;

    private readonly AuditThrottle throttle = new(RefusalsAuditedPerMinute, time);

    public async ValueTask RecordAsync(OAuthClient client, string? grantType, TokenResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(result);
        AuditEvent auditEvent;
        if (result.Response is { } response)
        {
            auditEvent = new AuditEvent
            {
                Timestamp = time.GetUtcNow(),
                Kind = grantType == GrantTypes.RefreshToken ? RefreshedKind : IssuedKind,
                Decision = "allow",
                Reason = response.TokenType == "Bearer" ? "bearer token" : "sender-constrained (DPoP) token",
                Subject = response.Subject,
                ClientId = client.ClientId,
                TokenId = response.TokenId,
                Resource = response.Resource,
                Method = grantType,
                Scope = string.IsNullOrEmpty(response.Scope) ? null : response.Scope,
            };
        }
        else
        {
            var key = AuditContext.Current?.SourceAddress ?? client.ClientId;
            if (!throttle.TryAcquire(key))
            {
                return;
            }

            var error = result.Error!;
            auditEvent = new AuditEvent
            {
                Timestamp = time.GetUtcNow(),
                Kind = RefusedKind,
                Decision = "deny",
                Reason = error.Description is null ? error.Error : $"{error.Error}: {error.Description}",
                ClientId = client.ClientId,
                Method = grantType is { Length: <= 128 } ? grantType : null,
            };
        }

        await sink.RecordAsync(auditEvent, cancellationToken);
    }
}
