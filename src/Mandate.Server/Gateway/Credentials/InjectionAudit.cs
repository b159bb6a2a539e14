using Mandate.Core.Audit;
using Mandate.Core.Vault;

namespace Mandate.Server.Gateway.Credentials;

/// <summary>
/// One "vault.inject" ledger event per upstream request that needed a person's credential: the person, the client,
/// the upstream, the connector (resource connector:NAME) and the outcome; never the credential.
/// </summary>
public sealed record InjectionAudit(string UserId, string? ClientId, string? TokenId, string Upstream, string Connector, string? CorrelationId, string? SourceAddress)
{
    public const string Kind = "vault.inject";

    public AuditEvent Event(DateTimeOffset at, string decision, string reason, string? method, string? path) => new()
    {
        Timestamp = at,
        Kind = Kind,
        Decision = decision,
        Reason = reason,
        Subject = UserId,
        ClientId = ClientId,
        TokenId = TokenId,
        Upstream = Upstream,
        Resource = VaultAudit.ResourceOf(Connector),
        Method = method,
        Tool = path,
        CorrelationId = CorrelationId,
        SourceAddress = SourceAddress,
    };
}
