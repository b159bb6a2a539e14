using Mandate.Core.Audit;
using Mandate.Core.Tokens;

namespace Mandate.Core.Consents;

/// <summary>
/// Withdrawing consent also ends every refresh token that consent led to; it is a "consent.revoked" event in the ledger
/// naming who withdrew it (the person on the Connected apps page, or an operator).
/// </summary>
public sealed class ConsentService(IConsentStore consents, IRefreshTokenStore refreshTokens, IAuditSink audit, TimeProvider time)
{
    public const string RevokedKind = "consent.revoked";

    public Task<IReadOnlyList<Consent>> ListAsync(string userId, CancellationToken cancellationToken) =>
        consents.ListForUserAsync(userId, cancellationToken);

    /// <param name="by">Who withdrew it, for the ledger: "the person" or "an operator".</param>
    public async Task<int> RevokeAsync(string userId, string clientId, string by, CancellationToken cancellationToken)
    {
        var removed = await consents.RevokeAsync(userId, clientId, cancellationToken);
        await refreshTokens.RevokeForClientAsync(userId, clientId, time.GetUtcNow(), cancellationToken);
        await audit.RecordAsync(new AuditEvent
        {
            Timestamp = time.GetUtcNow(),
            Kind = RevokedKind,
            Decision = "allow",
            Reason = $"withdrawn by {by}: {removed} consent(s) and the client's refresh tokens",
            Subject = userId,
            ClientId = clientId,
        }, cancellationToken);
        return removed;
    }
}
