using System.Diagnostics.CodeAnalysis;
using NSec.Cryptography;

namespace Mandate.Protocol.Transparency.Notes;

/// <summary>
/// An Ed25519 note verifier key (c2sp.org/signed-note, "Verifier keys"), written
/// <c>&lt;name&gt;+&lt;hex key ID&gt;+base64(0x01 || 32-byte public key)</c>: what an auditor keeps to check notes.
/// </summary>
public sealed class NoteVerifier
{
    private readonly PublicKey publicKey;
    private readonly byte[] publicKeyBytes;

    private NoteVerifier(string name, uint keyId, PublicKey publicKey, byte[] publicKeyBytes)
    {
        Name = name;
        KeyId = keyId;
        this.publicKey = publicKey;
        this.publicKeyBytes = publicKeyBytes;
    }

    /// <summary>The key name, as it appears in signature lines.</summary>
    public string Name { get; }

    /// <summary>The key ID (see <see cref="NoteKeys.ComputeKeyId"/>).</summary>
    public uint KeyId { get; }

    /// <summary>The raw 32-byte Ed25519 public key.</summary>
    public ReadOnlySpan<byte> PublicKey => publicKeyBytes;

    /// <summary>Makes a verifier from a key name and a raw Ed25519 public key, computing its key ID.</summary>
    /// <exception cref="ArgumentException">The name is not a valid key name, or the key is not 32 bytes.</exception>
    public static NoteVerifier FromEd25519PublicKey(string name, ReadOnlySpan<byte> publicKey)
    {
        if (!NoteKeys.IsValidKeyName(name))
        {
            throw new ArgumentException("Key names are non-empty, without spaces or '+'.", nameof(name));
        }

        if (!NSec.Cryptography.PublicKey.TryImport(SignatureAlgorithm.Ed25519, publicKey, KeyBlobFormat.RawPublicKey, out var key) || key is null)
        {
            throw new ArgumentException("An Ed25519 public key is 32 bytes.", nameof(publicKey));
        }

        return new NoteVerifier(name, NoteKeys.ComputeKeyId(name, Typed(publicKey)), key, publicKey.ToArray());
    }

    /// <summary>
    /// Parses a verifier key string, refusing anything but a valid name, eight lowercase hex digits, and base64 of
    /// 0x01 and 32 key bytes whose key ID is the one written. Never throws.
    /// </summary>
    public static bool TryParse(string? verifierKey, [NotNullWhen(true)] out NoteVerifier? verifier)
    {
        verifier = null;
        var parts = verifierKey?.Split('+', 3);
        if (parts is not { Length: 3 } || !NoteKeys.IsValidKeyName(parts[0])
            || !NoteEncoding.TryParseKeyId(parts[1], out var keyId)
            || !NoteEncoding.TryDecodeBase64(parts[2], out var typed)
            || typed is not [NoteKeys.Ed25519SignatureType, ..] || typed.Length != 33
            || NoteKeys.ComputeKeyId(parts[0], typed) != keyId
            || !NSec.Cryptography.PublicKey.TryImport(SignatureAlgorithm.Ed25519, typed.AsSpan(1), KeyBlobFormat.RawPublicKey, out var key) || key is null)
        {
            return false;
        }

        verifier = new NoteVerifier(parts[0], keyId, key, typed[1..]);
        return true;
    }

    /// <summary>Parses a verifier key string.</summary>
    /// <exception cref="FormatException">It is not a valid Ed25519 verifier key.</exception>
    public static NoteVerifier Parse(string verifierKey) =>
        TryParse(verifierKey, out var verifier) ? verifier : throw new FormatException("Not a valid Ed25519 note verifier key.");

    /// <summary>Checks an Ed25519 signature (without its 4-byte key ID) over the note text's UTF-8 bytes. Never throws.</summary>
    public bool Verify(ReadOnlySpan<byte> noteText, ReadOnlySpan<byte> signature) =>
        signature.Length == SignatureAlgorithm.Ed25519.SignatureSize && SignatureAlgorithm.Ed25519.Verify(publicKey, noteText, signature);

    /// <summary>The verifier key string.</summary>
    public override string ToString() =>
        $"{Name}+{NoteEncoding.FormatKeyId(KeyId)}+{Convert.ToBase64String(Typed(publicKeyBytes))}";

    internal static byte[] Typed(ReadOnlySpan<byte> publicKey) => [NoteKeys.Ed25519SignatureType, .. publicKey];
}
