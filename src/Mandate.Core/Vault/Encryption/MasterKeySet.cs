namespace Mandate.Core.Vault.Encryption;

/// <summary>The master keys a local provider knows: the active one wraps, all of them unwrap (keys still being rotated away).</summary>
public sealed record MasterKeySet(string ActiveKeyId, IReadOnlyDictionary<string, byte[]> Keys)
{
    public const int KeyBytes = 32;

    public byte[] Active => Keys[ActiveKeyId];
}
