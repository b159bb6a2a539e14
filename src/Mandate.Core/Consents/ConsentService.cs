using Mandate.Core.Tokens;

namespace Mandate.Core.Consents;

/// <summary>Withdrawing consent also ends every refresh token that consent led to.</summary>
public sealed class ConsentService(IConsentStore consents, IRefreshTokenStore refreshTokens, TimeProvider time)
{
    public Task<IReadOnlyList<Consent>> ListAsync(string userId, CancellationToken cancellationToken) =>
        consents.ListForUserAsync(userId, cancellationToken);

    public async Task<int> RevokeAsync(string userId, string clientId, CancellationToken cancellationToken)
    {
        var removed = await consents.RevokeAsync(userId, clientId, cancellationToken);
        await refreshTokens.RevokeForClientAsync(userId, clientId, time.GetUtcNow(), cancellationToken);
        return removed;
    }
}
