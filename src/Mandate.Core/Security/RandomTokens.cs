using System.Buffers.Text;
using System.Security.Cryptography;

namespace Mandate.Core.Security;

/// <summary>Opaque, URL-safe random values (secrets, codes, refresh tokens, identifiers).</summary>
public static class RandomTokens
{
    public static string Create(int bytes) => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));
}
