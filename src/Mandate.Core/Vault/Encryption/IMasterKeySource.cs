namespace Mandate.Core.Vault.Encryption;

/// <summary>Where a <see cref="LocalMasterKeyProvider"/> reads its master keys from (a file, an environment variable).</summary>
public interface IMasterKeySource
{
    /// <summary>The keys; <paramref name="reload"/> reads them again (another process may have rotated them).</summary>
    MasterKeySet Load(bool reload);
}
