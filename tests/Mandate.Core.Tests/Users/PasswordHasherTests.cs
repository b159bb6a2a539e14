using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Mandate.Core.Users;

namespace Mandate.Core.Tests.Users;

public sealed class PasswordHasherTests
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public void Hash_ThenVerify_RoundTrips()
    {
        var hash = PasswordHasher.Hash(Password);

        Assert.StartsWith("pbkdf2-sha256$600000$", hash, StringComparison.Ordinal);
        Assert.True(PasswordHasher.Verify(Password, hash));
    }

    [Fact]
    public void Hash_SamePasswordTwice_UsesDifferentSalts()
    {
        Assert.NotEqual(PasswordHasher.Hash(Password), PasswordHasher.Hash(Password));
    }

    [Fact]
    public void Verify_WrongPassword_ReturnsFalse()
    {
        var hash = PasswordHasher.Hash(Password);

        Assert.False(PasswordHasher.Verify("correct horse battery stapler", hash));
        Assert.False(PasswordHasher.Verify(string.Empty, hash));
    }

    [Fact]
    public void Verify_TamperedKey_ReturnsFalse()
    {
        var parts = PasswordHasher.Hash(Password).Split('$');
        var key = Base64Url.DecodeFromChars(parts[3]);
        key[0] ^= 1;
        parts[3] = Base64Url.EncodeToString(key);

        Assert.False(PasswordHasher.Verify(Password, string.Join('$', parts)));
    }

    [Fact]
    public void Verify_TamperedSalt_ReturnsFalse()
    {
        var parts = PasswordHasher.Hash(Password).Split('$');
        var salt = Base64Url.DecodeFromChars(parts[2]);
        salt[^1] ^= 0x80;
        parts[2] = Base64Url.EncodeToString(salt);

        Assert.False(PasswordHasher.Verify(Password, string.Join('$', parts)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("pbkdf2-sha256$600000$AAAA")]
    [InlineData("bcrypt$600000$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("pbkdf2-sha256$-5$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("pbkdf2-sha256$600000$not*base64$AAAA")]
    public void Verify_MalformedHash_ReturnsFalse(string stored)
    {
        Assert.False(PasswordHasher.Verify(Password, stored));
    }

    [Fact]
    public void Verify_Decoy_NeverVerifies()
    {
        Assert.False(PasswordHasher.Verify(string.Empty, PasswordHasher.Decoy));
        Assert.False(PasswordHasher.Verify(Password, PasswordHasher.Decoy));
    }

    [Fact]
    public void Verify_IterationsBelowFloor_RefusedEvenWhenTheKeyMatches()
    {
        Assert.False(PasswordHasher.Verify(Password, HashWith(99_999)));
    }

    [Fact]
    public void Verify_OlderIterationCountAtTheFloor_StillVerifies()
    {
        Assert.True(PasswordHasher.Verify(Password, HashWith(100_000)));
    }

    private static string HashWith(int iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var key = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(Password), salt, iterations, HashAlgorithmName.SHA256, 32);
        return string.Join('$', "pbkdf2-sha256", iterations.ToString(CultureInfo.InvariantCulture), Base64Url.EncodeToString(salt), Base64Url.EncodeToString(key));
    }
}
