using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Mandate.Protocol.Transparency.Notes;

/// <summary>Key names and key IDs of C2SP signed notes (c2sp.org/signed-note, "Signatures").</summary>
public static class NoteKeys
{
    /// <summary>The signature type byte of Ed25519 note signatures.</summary>
    public const byte Ed25519SignatureType = 0x01;

    /// <summary>
    /// Whether a key name is valid: non-empty, well-formed Unicode, with no Unicode space and no plus sign.
    /// </summary>
    public static bool IsValidKeyName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('+', StringComparison.Ordinal))
        {
            return false;
        }

        var rest = name.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) != System.Buffers.OperationStatus.Done || Rune.IsWhiteSpace(rune))
            {
                return false;
            }

            rest = rest[consumed..];
        }

        return true;
    }

    /// <summary>
    /// The key ID: the first four bytes, big-endian, of <c>SHA-256(key name || 0x0A || signature type || public key)</c>.
    /// </summary>
    /// <param name="name">The key name.</param>
    /// <param name="typedPublicKey">The signature type byte followed by the public key encoding.</param>
    public static uint ComputeKeyId(string name, ReadOnlySpan<byte> typedPublicKey)
    {
        ArgumentNullException.ThrowIfNull(name);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[nameBytes.Length + 1 + typedPublicKey.Length];
        nameBytes.CopyTo(input, 0);
        input[nameBytes.Length] = (byte)'\n';
        typedPublicKey.CopyTo(input.AsSpan(nameBytes.Length + 1));
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(input));
    }
}
