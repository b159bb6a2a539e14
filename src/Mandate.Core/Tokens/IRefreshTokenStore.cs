namespace Mandate.Core.Tokens;

public interface IRefreshTokenStore
{
    Task AddAsync(RefreshTokenRecord token, CancellationToken cancellationToken);

    Task<RefreshTokenRecord?> FindAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>The child issued when this token was redeemed, if any.</summary>
    Task<RefreshTokenRecord?> FindChildAsync(string parentHash, CancellationToken cancellationToken);

    /// <summary>Whether any child (live or revoked) was ever issued from this token.</summary>
    Task<bool> HasChildAsync(string parentHash, CancellationToken cancellationToken);

    /// <summary>Atomically marks the token consumed; false when it was already consumed or revoked (a race lost, or reuse).</summary>
    Task<bool> TryConsumeAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken);

    Task<bool> RevokeAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken);

    Task<int> RevokeFamilyAsync(string familyId, DateTimeOffset now, CancellationToken cancellationToken);

    Task<int> RevokeForClientAsync(string subject, string clientId, DateTimeOffset now, CancellationToken cancellationToken);

    Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
