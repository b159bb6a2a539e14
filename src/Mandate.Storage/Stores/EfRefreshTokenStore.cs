using Mandate.Core.Tokens;
using Mandate.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Storage.Stores;

public sealed class EfRefreshTokenStore(IDbContextFactory<MandateDbContext> factory) : IRefreshTokenStore
{
    public async Task AddAsync(RefreshTokenRecord token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.RefreshTokens.Add(new RefreshTokenEntity
        {
            TokenHash = token.TokenHash,
            FamilyId = token.FamilyId,
            ParentHash = token.ParentHash,
            ClientId = token.ClientId,
            Subject = token.Subject,
            Resource = token.Resource,
            Scopes = [.. token.Scopes],
            AuthTime = token.AuthTime,
            IssuedAt = token.IssuedAt,
            ExpiresAt = token.ExpiresAt,
            ConsumedAt = token.ConsumedAt,
            RevokedAt = token.RevokedAt,
            DpopJkt = token.DpopJkt,
            AuthorizationDetails = token.Mandate is { } mandate ? Core.Mandates.MandateJson.ToJson(mandate) : null,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<RefreshTokenRecord?> FindAsync(string tokenHash, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entity = await db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == tokenHash, cancellationToken);
        return entity is null ? null : ToModel(entity);
    }

    public async Task<RefreshTokenRecord?> FindChildAsync(string parentHash, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entity = await db.RefreshTokens.AsNoTracking()
            .Where(t => t.ParentHash == parentHash && t.RevokedAt == null)
            .OrderByDescending(t => t.IssuedAt)
            .FirstOrDefaultAsync(cancellationToken);
        return entity is null ? null : ToModel(entity);
    }

    public async Task<bool> HasChildAsync(string parentHash, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.RefreshTokens.AnyAsync(t => t.ParentHash == parentHash, cancellationToken);
    }

    public async Task<bool> TryConsumeAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var updated = await db.RefreshTokens
            .Where(t => t.TokenHash == tokenHash && t.ConsumedAt == null && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ConsumedAt, now), cancellationToken);
        return updated == 1;
    }

    public async Task<bool> RevokeAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.RefreshTokens
            .Where(t => t.TokenHash == tokenHash && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken) == 1;
    }

    public async Task<int> RevokeFamilyAsync(string familyId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.RefreshTokens
            .Where(t => t.FamilyId == familyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
    }

    public async Task<int> RevokeForClientAsync(string subject, string clientId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.RefreshTokens
            .Where(t => t.Subject == subject && t.ClientId == clientId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
    }

    public async Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.RefreshTokens.Where(t => t.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
    }

    private static RefreshTokenRecord ToModel(RefreshTokenEntity e) => new()
    {
        TokenHash = e.TokenHash,
        FamilyId = e.FamilyId,
        ParentHash = e.ParentHash,
        ClientId = e.ClientId,
        Subject = e.Subject,
        Resource = e.Resource,
        Scopes = e.Scopes,
        AuthTime = e.AuthTime,
        IssuedAt = e.IssuedAt,
        ExpiresAt = e.ExpiresAt,
        ConsumedAt = e.ConsumedAt,
        RevokedAt = e.RevokedAt,
        DpopJkt = e.DpopJkt,
        Mandate = Core.Mandates.MandateJson.FromTrusted(e.AuthorizationDetails),
    };
}
