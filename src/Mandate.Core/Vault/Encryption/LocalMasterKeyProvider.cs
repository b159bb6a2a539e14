namespace Mandate.Core.Vault.Encryption;

/// <summary>
/// Master keys held by this process (read from a file in the data directory or an environment variable): data keys
/// are wrapped with AES-256-GCM, the master key id bound into the associated data. An unknown key id makes the source
/// read its keys again, so a rotation done by `mandate vault rotate-key` in another process is picked up without a restart.
/// </summary>
public sealed class LocalMasterKeyProvider(IMasterKeySource source) : IMasterKeyProvider
{
    private const string WrapLabel = "mandate-vault-wrap-v1";

    public string ActiveKeyId => source.Load(reload: false).ActiveKeyId;

    public ValueTask<WrappedKey> WrapAsync(ReadOnlyMemory<byte> dataKey, ReadOnlyMemory<byte> associatedData, CancellationToken cancellationToken)
    {
        var keys = source.Load(reload: false);
        var box = AesGcmBox.Seal(keys.Active, dataKey.Span, Bind(keys.ActiveKeyId, associatedData.Span));
        return ValueTask.FromResult(new WrappedKey(keys.ActiveKeyId, box));
    }

    public ValueTask<byte[]?> UnwrapAsync(WrappedKey wrapped, ReadOnlyMemory<byte> associatedData, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wrapped);
        var keys = source.Load(reload: false);
        if (!keys.Keys.ContainsKey(wrapped.MasterKeyId))
        {
            keys = source.Load(reload: true);
        }

        return ValueTask.FromResult(keys.Keys.TryGetValue(wrapped.MasterKeyId, out var key)
            ? AesGcmBox.Open(key, wrapped.Ciphertext, Bind(wrapped.MasterKeyId, associatedData.Span))
            : null);
    }

    private static byte[] Bind(string keyId, ReadOnlySpan<byte> associatedData) =>
        [.. AssociatedData.Encode(WrapLabel, keyId), .. associatedData];
}
