using System.Security.Cryptography;

namespace Mandate.Core.Vault.Encryption;

/// <summary>AES-256-GCM with a random 96-bit nonce: output is nonce ‖ ciphertext ‖ 128-bit tag.</summary>
public static class AesGcmBox
{
    public const int NonceBytes = 12;
    public const int TagBytes = 16;

    public static byte[] Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var output = new byte[NonceBytes + plaintext.Length + TagBytes];
        var nonce = output.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceBytes, plaintext.Length), output.AsSpan(NonceBytes + plaintext.Length), associatedData);
        return output;
    }

    /// <summary>The plaintext, or null when the box was changed, the key is another or the associated data differs.</summary>
    public static byte[]? Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> box, ReadOnlySpan<byte> associatedData)
    {
        if (box.Length < NonceBytes + TagBytes)
        {
            return null;
        }

        var length = box.Length - NonceBytes - TagBytes;
        var plaintext = new byte[length];
        using var aes = new AesGcm(key, TagBytes);
        try
        {
            aes.Decrypt(box[..NonceBytes], box.Slice(NonceBytes, length), box[(NonceBytes + length)..], plaintext, associatedData);
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            return null;
        }
    }
}
