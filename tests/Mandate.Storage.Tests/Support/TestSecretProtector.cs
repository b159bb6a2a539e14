using System.Security.Cryptography;
using System.Text;
using Mandate.Core.Security;

namespace Mandate.Storage.Tests.Support;

/// <summary>AES-GCM with a random key per instance: a second instance cannot read the first one's values, like lost data-protection keys.</summary>
public sealed class TestSecretProtector : ISecretProtector
{
    private readonly byte[] key = RandomNumberGenerator.GetBytes(32);

    public string Protect(string plaintext)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var nonce = RandomNumberGenerator.GetBytes(12);
        var cipher = new byte[plain.Length];
        var tag = new byte[16];
        using var aes = new AesGcm(key, 16);
        aes.Encrypt(nonce, plain, cipher, tag);
        return Convert.ToBase64String([.. nonce, .. tag, .. cipher]);
    }

    public string? Unprotect(string protectedValue)
    {
        try
        {
            var bytes = Convert.FromBase64String(protectedValue);
            var plain = new byte[bytes.Length - 28];
            using var aes = new AesGcm(key, 16);
            aes.Decrypt(bytes.AsSpan(0, 12), bytes.AsSpan(28), bytes.AsSpan(12, 16), plain);
            return Encoding.UTF8.GetString(plain);
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or ArgumentException)
        {
            return null;
        }
    }
}
