using Mandate.Core.Vault.Encryption;

namespace Mandate.Core.Tests.Fakes;

/// <summary>Data keys in a list; <see cref="FailAfterReplacements"/> simulates a crash in the middle of a rotation.</summary>
public sealed class InMemoryVaultKeyStore : IVaultKeyStore
{
    private readonly List<VaultDataKey> keys = [];
    private readonly Lock gate = new();
    private int replacements;

    public int? FailAfterReplacements { get; set; }

    public Task<VaultDataKey?> FindAsync(string id, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(keys.FirstOrDefault(k => k.Id == id));
        }
    }

    public Task<IReadOnlyList<VaultDataKey>> ListAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<VaultDataKey>>(keys.ToList());
        }
    }

    public Task AddAsync(VaultDataKey key, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            keys.Add(key);
        }

        return Task.CompletedTask;
    }

    public Task<bool> ReplaceWrappingAsync(string id, string expectedMasterKeyId, WrappedKey wrapped, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (FailAfterReplacements is { } limit && replacements >= limit)
            {
                throw new IOException("simulated crash");
            }

            var index = keys.FindIndex(k => k.Id == id && k.Wrapped.MasterKeyId == expectedMasterKeyId);
            if (index < 0)
            {
                return Task.FromResult(false);
            }

            keys[index] = keys[index] with { Wrapped = wrapped };
            replacements++;
            return Task.FromResult(true);
        }
    }

    /// <summary>Tampers with one stored wrapped key (flips a bit).</summary>
    public void Corrupt(string id)
    {
        lock (gate)
        {
            var index = keys.FindIndex(k => k.Id == id);
            var bytes = keys[index].Wrapped.Ciphertext.ToArray();
            bytes[^1] ^= 1;
            keys[index] = keys[index] with { Wrapped = keys[index].Wrapped with { Ciphertext = bytes } };
        }
    }
}
