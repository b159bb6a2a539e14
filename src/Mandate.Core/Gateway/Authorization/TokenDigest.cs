using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Mandate.Core.Gateway.Authorization;

/// <summary>
/// The SHA-256 of a token as a value type: the cache key of <see cref="ValidatedTokenCache"/>, computed without
/// allocating (the gateway checks a token on every request). Never the token itself.
/// </summary>
public readonly record struct TokenDigest(ulong A, ulong B, ulong C, ulong D)
{
    private const int StackLimit = 2048;

    public static TokenDigest Of(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var length = Encoding.UTF8.GetMaxByteCount(token.Length);
        byte[]? rented = null;
        var buffer = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetBytes(token, buffer);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer[..written], hash);
            return new TokenDigest(
                BinaryPrimitives.ReadUInt64LittleEndian(hash),
                BinaryPrimitives.ReadUInt64LittleEndian(hash[8..]),
                BinaryPrimitives.ReadUInt64LittleEndian(hash[16..]),
                BinaryPrimitives.ReadUInt64LittleEndian(hash[24..]));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
