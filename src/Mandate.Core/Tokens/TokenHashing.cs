using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Mandate.Core.Tokens;

/// <summary>Opaque tokens and codes are 256-bit random values, so an unsalted SHA-256 is a safe lookup key.</summary>
public static class TokenHashing
{
    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }
}
