namespace Mandate.Core.Tokens;

/// <summary>
/// Access tokens are self-contained JWTs; this list of revoked token ids (kept until each token's own expiry)
/// lets introspection answer active:false for a token revoked early (RFC 7009, code replay).
/// </summary>
public interface IRevokedAccessTokenStore
{
    Task RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    Task<bool> IsRevokedAsync(string tokenId, CancellationToken cancellationToken);

    Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
