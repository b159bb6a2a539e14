namespace Mandate.Core.Vault.Encryption;

/// <summary>The wrapped data keys.</summary>
public interface IVaultKeyStore
{
    Task<VaultDataKey?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Every data key, oldest first.</summary>
    Task<IReadOnlyList<VaultDataKey>> ListAsync(CancellationToken cancellationToken);

    Task AddAsync(VaultDataKey key, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the wrapping of one data key if it is still wrapped by <paramref name="expectedMasterKeyId"/> (a
    /// conditional update, so two rotations never overwrite each other); true when it was replaced.
    /// </summary>
    Task<bool> ReplaceWrappingAsync(string id, string expectedMasterKeyId, WrappedKey wrapped, CancellationToken cancellationToken);
}
