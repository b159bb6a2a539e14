using System.Text;
using Mandate.Core.Tests.Fakes;
using Mandate.Core.Vault.Encryption;

namespace Mandate.Core.Tests.Vault;

public sealed class MasterKeyRotationTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("vault-rot-").FullName;
    private readonly InMemoryVaultKeyStore store = new();

    private string KeyFile => Path.Combine(directory, FileMasterKeySource.FileName);

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Rotate_RewrapsEveryDataKey_AndValuesStayReadable_ThenTheOldKeyCanGo()
    {
        var sealedValues = await SealUnderSeveralDataKeysAsync(3);
        var source = new FileMasterKeySource(KeyFile);
        var oldKey = source.Load(false).ActiveKeyId;

        var newKey = source.AddKey();
        var provider = new LocalMasterKeyProvider(source);
        var result = await new MasterKeyRotation(provider, store).RewrapAsync(default);

        Assert.Equal(3, result.Rewrapped);
        Assert.Empty(result.Unreadable);
        Assert.Equal(new Dictionary<string, int> { [newKey] = 3 }, await new MasterKeyRotation(provider, store).UsageAsync(default));
        Assert.True(source.RemoveKey(oldKey));
        await AssertAllReadableAsync(sealedValues, new FileMasterKeySource(KeyFile));
    }

    [Fact]
    public async Task ServerStillOnTheOldKeySet_PicksUpTheRotatedKeyFromTheFile()
    {
        var sealedValues = await SealUnderSeveralDataKeysAsync(1);
        var serverSource = new FileMasterKeySource(KeyFile);
        _ = serverSource.Load(false);

        var cli = new FileMasterKeySource(KeyFile);
        var oldKey = cli.Load(false).ActiveKeyId;
        cli.AddKey();
        await new MasterKeyRotation(new LocalMasterKeyProvider(cli), store).RewrapAsync(default);
        cli.RemoveKey(oldKey);

        await AssertAllReadableAsync(sealedValues, serverSource);
    }

    [Fact]
    public async Task CrashMidRotation_LeavesEverythingReadable_AndASecondRunFinishes()
    {
        var sealedValues = await SealUnderSeveralDataKeysAsync(4);
        var source = new FileMasterKeySource(KeyFile);
        var oldKey = source.Load(false).ActiveKeyId;
        var newKey = source.AddKey();
        var provider = new LocalMasterKeyProvider(source);

        store.FailAfterReplacements = 2;
        await Assert.ThrowsAsync<IOException>(() => new MasterKeyRotation(provider, store).RewrapAsync(default));

        var usage = await new MasterKeyRotation(provider, store).UsageAsync(default);
        Assert.Equal(2, usage[newKey]);
        Assert.Equal(2, usage[oldKey]);
        await AssertAllReadableAsync(sealedValues, new FileMasterKeySource(KeyFile));

        store.FailAfterReplacements = null;
        var result = await new MasterKeyRotation(provider, store).RewrapAsync(default);
        Assert.Equal(2, result.Rewrapped);
        Assert.Equal(2, result.AlreadyCurrent);
        Assert.True(source.RemoveKey(oldKey));
        await AssertAllReadableAsync(sealedValues, new FileMasterKeySource(KeyFile));
    }

    [Fact]
    public async Task Rotate_ReportsDataKeysNoMasterKeyOpens()
    {
        await SealUnderSeveralDataKeysAsync(1);
        var source = new FileMasterKeySource(KeyFile);
        var oldKey = source.Load(false).ActiveKeyId;
        source.AddKey();
        source.RemoveKey(oldKey);

        var result = await new MasterKeyRotation(new LocalMasterKeyProvider(source), store).RewrapAsync(default);

        Assert.Single(result.Unreadable);
        Assert.Equal(0, result.Rewrapped);
    }

    [Fact]
    public async Task EnvironmentKeys_RotateWithThePreviousKeyVariable()
    {
        var first = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var second = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var before = new EnvironmentMasterKeySource(v => v == EnvironmentMasterKeySource.ActiveVariable ? first : null);
        using var vault = new CredentialVault(new LocalMasterKeyProvider(before), store, TimeProvider.System);
        var context = new VaultContext("u", "c", "p");
        var sealedSecret = await vault.SealAsync(context, "value"u8.ToArray(), default);

        var during = new EnvironmentMasterKeySource(v => v switch
        {
            EnvironmentMasterKeySource.ActiveVariable => second,
            EnvironmentMasterKeySource.PreviousVariable => first,
            _ => null,
        });
        var result = await new MasterKeyRotation(new LocalMasterKeyProvider(during), store).RewrapAsync(default);
        Assert.Equal(1, result.Rewrapped);

        var after = new EnvironmentMasterKeySource(v => v == EnvironmentMasterKeySource.ActiveVariable ? second : null);
        using var reader = new CredentialVault(new LocalMasterKeyProvider(after), store, TimeProvider.System);
        Assert.Equal("value"u8.ToArray(), await reader.OpenAsync(context, sealedSecret, default));
        Assert.StartsWith("env-", after.Load(false).ActiveKeyId, StringComparison.Ordinal);
    }

    private async Task<List<(VaultContext Context, SealedSecret Value, string Plain)>> SealUnderSeveralDataKeysAsync(int dataKeys)
    {
        var values = new List<(VaultContext, SealedSecret, string)>();
        for (var i = 0; i < dataKeys; i++)
        {
            // A fresh vault over an empty-cache would reuse the newest key; each round adds a data key of its own.
            var id = "dk-test-" + i;
            var provider = new LocalMasterKeyProvider(new FileMasterKeySource(KeyFile));
            var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
            await store.AddAsync(new VaultDataKey(id, await provider.WrapAsync(key, CredentialVault.DataKeyBinding(id), default), DateTimeOffset.UnixEpoch), default);
            using var vault = new CredentialVault(provider, store, TimeProvider.System);
            var context = new VaultContext("user-" + i, "conn", "oauth-tokens");
            var plain = "secret-" + i;
            var sealedSecret = await vault.SealAsync(context, Encoding.UTF8.GetBytes(plain), default);
            Assert.Equal(id, sealedSecret.DataKeyId);
            values.Add((context, sealedSecret, plain));
        }

        return values;
    }

    private async Task AssertAllReadableAsync(List<(VaultContext Context, SealedSecret Value, string Plain)> values, IMasterKeySource source)
    {
        using var vault = new CredentialVault(new LocalMasterKeyProvider(source), store, TimeProvider.System);
        foreach (var (context, value, plain) in values)
        {
            var opened = await vault.OpenAsync(context, value, default);
            Assert.Equal(plain, opened is null ? null : Encoding.UTF8.GetString(opened));
        }
    }
}
