using Mandate.Core.Tokens;
using Mandate.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Storage.Stores;

public sealed class EfDelegationStore(IDbContextFactory<MandateDbContext> factory, TimeProvider time) : IDelegationStore
{
    public async Task RecordAsync(TokenDelegation delegation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delegation);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.TokenDelegations.Add(new TokenDelegationEntity
        {
            TokenId = delegation.TokenId,
            ParentTokenId = delegation.ParentTokenId,
            ExpiresAt = delegation.ExpiresAt,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<TokenDelegation>> ListChildrenAsync(string parentTokenId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.TokenDelegations.AsNoTracking()
            .Where(d => d.ParentTokenId == parentTokenId && d.ExpiresAt > now)
            .ToListAsync(cancellationToken);
        return rows.Select(d => new TokenDelegation(d.TokenId, d.ParentTokenId, d.ExpiresAt)).ToList();
    }

    public async Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.TokenDelegations.Where(d => d.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
    }
}
