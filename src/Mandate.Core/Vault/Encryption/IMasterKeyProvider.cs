namespace Mandate.Core.Vault.Encryption;

/// <summary>
/// Wraps and unwraps the vault's data keys with a master key the vault itself never stores. The built-in providers
/// keep the master keys in the data directory or an environment variable (<see cref="LocalMasterKeyProvider"/>); a
/// cloud KMS or HashiCorp Vault's transit engine implements this interface by calling its encrypt and decrypt
/// operations (docs/vault.md), so the master key never leaves it.
/// </summary>
public interface IMasterKeyProvider
{
    /// <summary>The key new data keys are wrapped with. Changing it is how a master key is rotated.</summary>
    string ActiveKeyId { get; }

    /// <summary>Wraps a data key with the active master key, bound to <paramref name="associatedData"/>.</summary>
    ValueTask<WrappedKey> WrapAsync(ReadOnlyMemory<byte> dataKey, ReadOnlyMemory<byte> associatedData, CancellationToken cancellationToken);

    /// <summary>The data key, or null when the master key is unknown, the wrapped bytes were changed or the associated data differs.</summary>
    ValueTask<byte[]?> UnwrapAsync(WrappedKey wrapped, ReadOnlyMemory<byte> associatedData, CancellationToken cancellationToken);
}
