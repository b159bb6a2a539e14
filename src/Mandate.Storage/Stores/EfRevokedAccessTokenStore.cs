using Mandate.Core.Tokens;
using Mandate.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Storage.Stores;

public sealed class EfRevokedAccessTokenStore(IDbContextFactory<MandateDbContext> factory) : IRevokedAccessTokenStore
{
    public async Task RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await db.RevokedAccessTokens.AnyAsync(t => t.TokenId == tokenId, cancellationToken))
        {
            return;
        }

        db.RevokedAccessTokens.Add(new RevokedAccessTokenEntity { TokenId = tokenId, ExpiresAt = expiresAt });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Revoked concurrently: the outcome is the same.
        }
    }

    public async Task<bool> IsRevokedAsync(string tokenId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.RevokedAccessTokens.AnyAsync(t => t.TokenId == tokenId, cancellationToken);
    }

    public async Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.RevokedAccessTokens.Where(t => t.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
    }
}
