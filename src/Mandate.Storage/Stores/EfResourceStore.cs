using Mandate.Core.Resources;
using Mandate.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Storage.Stores;

public sealed class EfResourceStore(IDbContextFactory<MandateDbContext> factory) : IResourceStore
{
    public async Task<ProtectedResource?> FindAsync(string canonicalUri, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entity = await db.Resources.AsNoTracking().FirstOrDefaultAsync(r => r.Uri == canonicalUri, cancellationToken);
        return entity is null ? null : ToModel(entity);
    }

    public async Task<IReadOnlyList<ProtectedResource>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entities = await db.Resources.AsNoTracking().OrderBy(r => r.Uri).ToListAsync(cancellationToken);
        return entities.Select(ToModel).ToList();
    }

    public async Task UpsertAsync(ProtectedResource resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entity = await db.Resources.FirstOrDefaultAsync(r => r.Uri == resource.Uri, cancellationToken);
        if (entity is null)
        {
            db.Resources.Add(new ResourceEntity { Uri = resource.Uri, Name = resource.Name, Scopes = [.. resource.Scopes], ScopeDescriptions = new(resource.ScopeDescriptions), CreatedAt = resource.CreatedAt });
        }
        else
        {
            entity.Name = resource.Name;
            entity.Scopes = [.. resource.Scopes];
            entity.ScopeDescriptions = new(resource.ScopeDescriptions);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<bool> RemoveAsync(string canonicalUri, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Resources.Where(r => r.Uri == canonicalUri).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    private static ProtectedResource ToModel(ResourceEntity e) => new() { Uri = e.Uri, Name = e.Name, Scopes = e.Scopes, ScopeDescriptions = e.ScopeDescriptions, CreatedAt = e.CreatedAt };
}
