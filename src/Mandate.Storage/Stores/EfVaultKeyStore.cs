using Mandate.Core.Vault.Encryption;
using Mandate.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Mandate.Storage.Stores;

/// <summary>The vault's wrapped data keys.</summary>
public sealed class EfVaultKeyStore(IDbContextFactory<MandateDbContext> factory) : IVaultKeyStore
{
    public async Task<VaultDataKey?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entity = await db.VaultDataKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        return entity is null ? null : ToModel(entity);
    }

    public async Task<IReadOnlyList<VaultDataKey>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entities = await db.VaultDataKeys.AsNoTracking().OrderBy(k => k.CreatedAt).ThenBy(k => k.Id).ToListAsync(cancellationToken);
        return entities.Select(ToModel).ToList();
    }

    public async Task AddAsync(VaultDataKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.VaultDataKeys.Add(new VaultDataKeyEntity { Id = key.Id, MasterKeyId = key.Wrapped.MasterKeyId, WrappedKey = key.Wrapped.Ciphertext, CreatedAt = key.CreatedAt });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<bool> ReplaceWrappingAsync(string id, string expectedMasterKeyId, WrappedKey wrapped, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wrapped);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.VaultDataKeys
            .Where(k => k.Id == id && k.MasterKeyId == expectedMasterKeyId)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.MasterKeyId, wrapped.MasterKeyId).SetProperty(k => k.WrappedKey, wrapped.Ciphertext), cancellationToken) == 1;
    }

    private static VaultDataKey ToModel(VaultDataKeyEntity e) => new(e.Id, new WrappedKey(e.MasterKeyId, e.WrappedKey), e.CreatedAt);
}
