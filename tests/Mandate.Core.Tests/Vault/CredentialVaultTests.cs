using System.Text;
using Mandate.Core.Tests.Fakes;
using Mandate.Core.Vault.Encryption;

namespace Mandate.Core.Tests.Vault;

public sealed class CredentialVaultTests : IDisposable
{
    private static readonly VaultContext Alice = new("user-alice", "github", "oauth-tokens");
    private readonly string directory = Directory.CreateTempSubdirectory("vault-").FullName;
    private readonly InMemoryVaultKeyStore store = new();

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Seal_ThenOpen_GivesThePlaintextBack_AndTheCiphertextHidesIt()
    {
        using var vault = NewVault();
        var sealedSecret = await vault.SealAsync(Alice, Encoding.UTF8.GetBytes("gho_secret-token"), default);

        Assert.DoesNotContain("gho_secret", Encoding.UTF8.GetString(sealedSecret.Box), StringComparison.Ordinal);
        Assert.DoesNotContain("gho_secret", sealedSecret.Format(), StringComparison.Ordinal);
        var opened = await vault.OpenAsync(Alice, SealedSecret.Parse(sealedSecret.Format())!, default);
        Assert.Equal("gho_secret-token", Encoding.UTF8.GetString(opened!));
    }

    [Fact]
    public async Task Open_TamperedCiphertext_IsNull()
    {
        using var vault = NewVault();
        var sealedSecret = await vault.SealAsync(Alice, "secret"u8.ToArray(), default);
        for (var i = 0; i < sealedSecret.Box.Length; i += 7)
        {
            var box = sealedSecret.Box.ToArray();
            box[i] ^= 0x40;
            Assert.Null(await vault.OpenAsync(Alice, sealedSecret with { Box = box }, default));
        }

        Assert.Null(await vault.OpenAsync(Alice, sealedSecret with { Box = sealedSecret.Box[..^1] }, default));
    }

    [Theory]
    [InlineData("user-bob", "github", "oauth-tokens")]
    [InlineData("user-alice", "gitlab", "oauth-tokens")]
    [InlineData("user-alice", "github", "api-key")]
    [InlineData("connector", "github", "oauth-tokens")]
    public async Task Open_UnderAnotherOwnerConnectorOrPurpose_IsNull(string owner, string connector, string purpose)
    {
        using var vault = NewVault();
        var sealedSecret = await vault.SealAsync(Alice, "secret"u8.ToArray(), default);

        Assert.Null(await vault.OpenAsync(new VaultContext(owner, connector, purpose), sealedSecret, default));
        Assert.NotNull(await vault.OpenAsync(Alice, sealedSecret, default));
    }

    [Fact]
    public async Task Open_FieldBoundariesAreUnambiguous()
    {
        using var vault = NewVault();
        var sealedSecret = await vault.SealAsync(new VaultContext("ab", "c", "p"), "secret"u8.ToArray(), default);

        Assert.Null(await vault.OpenAsync(new VaultContext("a", "bc", "p"), sealedSecret, default));
    }

    [Fact]
    public async Task Open_WithTamperedWrappedDataKey_IsNull()
    {
        var sealedSecret = await NewVault().SealAsync(Alice, "secret"u8.ToArray(), default);
        store.Corrupt(sealedSecret.DataKeyId);

        using var fresh = NewVault();
        Assert.Null(await fresh.OpenAsync(Alice, sealedSecret, default));
    }

    [Fact]
    public async Task Open_InAnotherDataDirectory_IsNull()
    {
        var sealedSecret = await NewVault().SealAsync(Alice, "secret"u8.ToArray(), default);
        var otherKeys = new FileMasterKeySource(Path.Combine(directory, "other", FileMasterKeySource.FileName));

        using var other = new CredentialVault(new LocalMasterKeyProvider(otherKeys), store, TimeProvider.System);
        Assert.Null(await other.OpenAsync(Alice, sealedSecret, default));
    }

    [Fact]
    public async Task MasterKeyFile_IsCreatedOwnerOnly()
    {
        using var vault = NewVault();
        await vault.SealAsync(Alice, "secret"u8.ToArray(), default);

        var path = Path.Combine(directory, FileMasterKeySource.FileName);
        Assert.True(File.Exists(path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    private CredentialVault NewVault() =>
        new(new LocalMasterKeyProvider(new FileMasterKeySource(Path.Combine(directory, FileMasterKeySource.FileName))), store, TimeProvider.System);
}
