namespace Mandate.Core.Vault.Encryption;

/// <summary>A data key encrypted under the master key named by <see cref="MasterKeyId"/>.</summary>
public sealed record WrappedKey(string MasterKeyId, byte[] Ciphertext);
