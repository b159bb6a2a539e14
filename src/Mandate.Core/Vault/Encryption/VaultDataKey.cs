namespace Mandate.Core.Vault.Encryption;

/// <summary>A data key as stored: only ever wrapped by a master key.</summary>
public sealed record VaultDataKey(string Id, WrappedKey Wrapped, DateTimeOffset CreatedAt);
