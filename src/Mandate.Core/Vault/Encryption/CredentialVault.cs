using System.Collections.Concurrent;
using System.Security.Cryptography;
using Mandate.Core.Security;

namespace Mandate.Core.Vault.Encryption;

/// <summary>
/// Envelope encryption: each value is sealed with AES-256-GCM under a data key, the data key wrapped by the master key
/// (<see cref="IMasterKeyProvider"/>). The associated data binds the ciphertext to its <see cref="VaultContext"/> and
/// data key. Unwrapped data keys are kept in memory (one per data key, few in all) so a read costs one AES-GCM decrypt,
/// not a master-key call.
/// </summary>
public sealed class CredentialVault(IMasterKeyProvider masterKeys, IVaultKeyStore keyStore, TimeProvider time) : IDisposable
{
    private const string SealLabel = "mandate-vault-seal-v1";
    private readonly ConcurrentDictionary<string, byte[]> unwrapped = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim creating = new(1, 1);
    private string? activeDataKeyId;

    public async Task<SealedSecret> SealAsync(VaultContext context, ReadOnlyMemory<byte> plaintext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (id, key) = await ActiveDataKeyAsync(cancellationToken);
        return new SealedSecret(id, AesGcmBox.Seal(key, plaintext.Span, Bind(context, id)));
    }

    /// <summary>The plaintext, or null when the value was changed, belongs to another context, or its data key cannot be unwrapped.</summary>
    public async Task<byte[]?> OpenAsync(VaultContext context, SealedSecret sealedSecret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(sealedSecret);
        var key = await DataKeyAsync(sealedSecret.DataKeyId, cancellationToken);
        return key is null ? null : AesGcmBox.Open(key, sealedSecret.Box, Bind(context, sealedSecret.DataKeyId));
    }

    /// <summary>Opens a stored value or throws <see cref="SecretDecryptionException"/> naming what could not be read.</summary>
    public async Task<byte[]> OpenRequiredAsync(VaultContext context, string stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sealedSecret = SealedSecret.Parse(stored) ?? throw new SecretDecryptionException($"A vault value of connector '{context.Connector}' is not in the vault's format.");
        return await OpenAsync(context, sealedSecret, cancellationToken)
            ?? throw new SecretDecryptionException($"A vault value of connector '{context.Connector}' cannot be decrypted: its data key's master key is unavailable, or the value was changed or moved.");
    }

    /// <summary>Forgets the active data key so the next seal uses the newest one (after a rotation made one).</summary>
    public void ForgetActiveDataKey() => activeDataKeyId = null;

    public void Dispose() => creating.Dispose();

    internal static byte[] DataKeyBinding(string dataKeyId) => AssociatedData.Encode("mandate-vault-data-key-v1", dataKeyId);

    private static byte[] Bind(VaultContext context, string dataKeyId) =>
        AssociatedData.Encode(SealLabel, context.Owner, context.Connector, context.Purpose, dataKeyId);

    private async Task<(string Id, byte[] Key)> ActiveDataKeyAsync(CancellationToken cancellationToken)
    {
        if (activeDataKeyId is { } known && unwrapped.TryGetValue(known, out var cached))
        {
            return (known, cached);
        }

        await creating.WaitAsync(cancellationToken);
        try
        {
            var all = await keyStore.ListAsync(cancellationToken);
            var newest = all.Count > 0 ? all[^1] : null;
            if (newest is not null && await DataKeyAsync(newest.Id, cancellationToken) is { } existing)
            {
                activeDataKeyId = newest.Id;
                return (newest.Id, existing);
            }

            var id = "dk-" + RandomTokens.Create(9);
            var key = RandomNumberGenerator.GetBytes(32);
            var wrapped = await masterKeys.WrapAsync(key, DataKeyBinding(id), cancellationToken);
            await keyStore.AddAsync(new VaultDataKey(id, wrapped, time.GetUtcNow()), cancellationToken);
            unwrapped[id] = key;
            activeDataKeyId = id;
            return (id, key);
        }
        finally
        {
            creating.Release();
        }
    }

    private async Task<byte[]?> DataKeyAsync(string id, CancellationToken cancellationToken)
    {
        if (unwrapped.TryGetValue(id, out var key))
        {
            return key;
        }

        var stored = await keyStore.FindAsync(id, cancellationToken);
        if (stored is null || await masterKeys.UnwrapAsync(stored.Wrapped, DataKeyBinding(id), cancellationToken) is not { } opened)
        {
            return null;
        }

        unwrapped[id] = opened;
        return opened;
    }
}
