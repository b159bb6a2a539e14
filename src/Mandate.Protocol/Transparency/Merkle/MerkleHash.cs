using System.Buffers;
using System.Security.Cryptography;

namespace Mandate.Protocol.Transparency.Merkle;

/// <summary>
/// The hashes of an RFC 9162 Merkle tree with SHA-256 (§2.1.1): leaves are <c>SHA-256(0x00 || data)</c>,
/// interior nodes <c>SHA-256(0x01 || left || right)</c>, and the empty tree <c>SHA-256("")</c>. The different
/// prefixes keep a leaf from ever passing for a node (second-preimage resistance).
/// </summary>
public static class MerkleHash
{
    /// <summary>The size of every hash in the tree, in bytes.</summary>
    public const int Size = 32;

    private const int StackLimit = 512;

    /// <summary>The root of the empty tree: the SHA-256 of nothing.</summary>
    public static byte[] EmptyRoot() => SHA256.HashData(ReadOnlySpan<byte>.Empty);

    /// <summary>The leaf hash of an entry.</summary>
    public static byte[] HashLeaf(ReadOnlySpan<byte> data)
    {
        var hash = new byte[Size];
        HashLeaf(data, hash);
        return hash;
    }

    /// <summary>Writes the leaf hash of an entry into <paramref name="destination"/> (at least 32 bytes).</summary>
    public static void HashLeaf(ReadOnlySpan<byte> data, Span<byte> destination) => HashPrefixed(0x00, data, default, destination);

    /// <summary>The hash of an interior node from its children's hashes.</summary>
    public static byte[] HashChildren(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var hash = new byte[Size];
        HashChildren(left, right, hash);
        return hash;
    }

    /// <summary>Writes the hash of an interior node into <paramref name="destination"/> (at least 32 bytes).</summary>
    public static void HashChildren(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination) =>
        HashPrefixed(0x01, left, right, destination);

    private static void HashPrefixed(byte prefix, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, Span<byte> destination)
    {
        var length = 1 + first.Length + second.Length;
        byte[]? rented = null;
        var buffer = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        buffer[0] = prefix;
        first.CopyTo(buffer[1..]);
        second.CopyTo(buffer[(1 + first.Length)..]);
        SHA256.HashData(buffer[..length], destination);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
