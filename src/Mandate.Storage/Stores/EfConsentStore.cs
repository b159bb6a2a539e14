using Mandate.Core.Consents;
using Mandate.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Storage.Stores;

public sealed class EfConsentStore(IDbContextFactory<MandateDbContext> factory) : IConsentStore
{
    public async Task<Consent?> FindAsync(string userId, string clientId, string resource, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entity = await db.Consents.AsNoTracking()
            .FirstOrDefaultAsync(c => c.UserId == userId && c.ClientId == clientId && c.Resource == resource, cancellationToken);
        return entity is null ? null : ToModel(entity);
    }

    public async Task<IReadOnlyList<Consent>> ListForUserAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entities = await db.Consents.AsNoTracking().Where(c => c.UserId == userId).OrderBy(c => c.ClientId).ToListAsync(cancellationToken);
        return entities.Select(ToModel).ToList();
    }

    public async Task GrantAsync(Consent consent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consent);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entity = await db.Consents.FirstOrDefaultAsync(
            c => c.UserId == consent.UserId && c.ClientId == consent.ClientId && c.Resource == consent.Resource, cancellationToken);
        if (entity is null)
        {
            db.Consents.Add(new ConsentEntity
            {
                UserId = consent.UserId,
                ClientId = consent.ClientId,
                Resource = consent.Resource,
                Scopes = [.. consent.Scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                GrantedAt = consent.GrantedAt,
            });
        }
        else
        {
            entity.Scopes = [.. entity.Scopes.Union(consent.Scopes, StringComparer.Ordinal).Order(StringComparer.Ordinal)];
            entity.GrantedAt = consent.GrantedAt;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<int> RevokeAsync(string userId, string clientId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Consents.Where(c => c.UserId == userId && c.ClientId == clientId).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<bool> IsKnownClientHostAsync(string host, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.KnownClientHosts.AnyAsync(h => h.Host == host, cancellationToken);
    }

    public async Task RememberClientHostAsync(string host, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!await db.KnownClientHosts.AnyAsync(h => h.Host == host, cancellationToken))
        {
            db.KnownClientHosts.Add(new KnownClientHostEntity { Host = host, FirstSeenAt = now });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another request remembered it first.
            }
        }
    }

    private static Consent ToModel(ConsentEntity e) => new()
    {
        UserId = e.UserId,
        ClientId = e.ClientId,
        Resource = e.Resource,
        Scopes = e.Scopes,
        GrantedAt = e.GrantedAt,
    };
}
