namespace Mandate.Core.Vault.Encryption;

/// <summary>
/// Re-wraps every data key not yet under the active master key. Each data key is one conditional update, and both
/// the old and the new master key unwrap until the end, so servers keep reading throughout, and a run cut short
/// (crash, Ctrl-C) leaves every key readable; running it again finishes the job.
/// </summary>
public sealed class MasterKeyRotation(IMasterKeyProvider masterKeys, IVaultKeyStore keyStore)
{
    public async Task<RotationResult> RewrapAsync(CancellationToken cancellationToken)
    {
        var active = masterKeys.ActiveKeyId;
        int rewrapped = 0, current = 0;
        var unreadable = new List<string>();
        foreach (var key in await keyStore.ListAsync(cancellationToken))
        {
            if (key.Wrapped.MasterKeyId == active)
            {
                current++;
                continue;
            }

            var binding = CredentialVault.DataKeyBinding(key.Id);
            var plain = await masterKeys.UnwrapAsync(key.Wrapped, binding, cancellationToken);
            if (plain is null)
            {
                unreadable.Add(key.Id);
                continue;
            }

            var wrapped = await masterKeys.WrapAsync(plain, binding, cancellationToken);
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(plain);
            if (await keyStore.ReplaceWrappingAsync(key.Id, key.Wrapped.MasterKeyId, wrapped, cancellationToken))
            {
                rewrapped++;
            }
            else
            {
                current++;
            }
        }

        return new RotationResult(active, rewrapped, current, unreadable);
    }

    /// <summary>How many data keys each master key wraps.</summary>
    public async Task<IReadOnlyDictionary<string, int>> UsageAsync(CancellationToken cancellationToken) =>
        (await keyStore.ListAsync(cancellationToken)).GroupBy(k => k.Wrapped.MasterKeyId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}
