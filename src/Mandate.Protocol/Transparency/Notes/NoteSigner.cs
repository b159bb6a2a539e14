using System.Diagnostics.CodeAnalysis;
using NSec.Cryptography;

namespace Mandate.Protocol.Transparency.Notes;

/// <summary>
/// An Ed25519 note signing key. Its text form, as golang.org/x/mod/sumdb/note writes it, is
/// <c>PRIVATE+KEY+&lt;name&gt;+&lt;hex key ID&gt;+base64(0x01 || 32-byte seed)</c>; that string is the secret.
/// </summary>
public sealed class NoteSigner : IDisposable
{
    private static readonly SignatureAlgorithm Ed25519 = SignatureAlgorithm.Ed25519;
    private readonly Key key;

    private NoteSigner(string name, Key key)
    {
        this.key = key;
        Verifier = NoteVerifier.FromEd25519PublicKey(name, key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    /// <summary>The key name.</summary>
    public string Name => Verifier.Name;

    /// <summary>The key ID.</summary>
    public uint KeyId => Verifier.KeyId;

    /// <summary>The matching verifier (publish its <see cref="NoteVerifier.ToString"/>).</summary>
    public NoteVerifier Verifier { get; }

    /// <summary>Generates a new key with the given name.</summary>
    /// <exception cref="ArgumentException">The name is not a valid key name.</exception>
    public static NoteSigner Generate(string name)
    {
        ThrowIfInvalidName(name);
        return new NoteSigner(name, Key.Create(Ed25519, Exportable));
    }

    /// <summary>Makes a signer from a key name and a raw 32-byte Ed25519 seed.</summary>
    /// <exception cref="ArgumentException">The name is invalid or the seed is not 32 bytes.</exception>
    public static NoteSigner FromEd25519Seed(string name, ReadOnlySpan<byte> seed)
    {
        ThrowIfInvalidName(name);
        if (!Key.TryImport(Ed25519, seed, KeyBlobFormat.RawPrivateKey, out var key, Exportable) || key is null)
        {
            throw new ArgumentException("An Ed25519 seed is 32 bytes.", nameof(seed));
        }

        return new NoteSigner(name, key);
    }

    /// <summary>Parses a signer key string, checking that its key ID matches the key. Never throws.</summary>
    public static bool TryParse(string? signerKey, [NotNullWhen(true)] out NoteSigner? signer)
    {
        signer = null;
        var parts = signerKey?.Split('+', 5);
        if (parts is not { Length: 5 } || parts[0] != "PRIVATE" || parts[1] != "KEY" || !NoteKeys.IsValidKeyName(parts[2])
            || !NoteEncoding.TryParseKeyId(parts[3], out var keyId)
            || !NoteEncoding.TryDecodeBase64(parts[4], out var typed)
            || typed is not [NoteKeys.Ed25519SignatureType, ..] || typed.Length != 33
            || !Key.TryImport(Ed25519, typed.AsSpan(1), KeyBlobFormat.RawPrivateKey, out var key, Exportable) || key is null)
        {
            return false;
        }

        var candidate = new NoteSigner(parts[2], key);
        if (candidate.KeyId != keyId)
        {
            candidate.Dispose();
            return false;
        }

        signer = candidate;
        return true;
    }

    /// <summary>Parses a signer key string.</summary>
    /// <exception cref="FormatException">It is not a valid Ed25519 signer key.</exception>
    public static NoteSigner Parse(string signerKey) =>
        TryParse(signerKey, out var signer) ? signer : throw new FormatException("Not a valid Ed25519 note signer key.");

    /// <summary>Signs the note text's UTF-8 bytes, returning the 64-byte Ed25519 signature (without key ID).</summary>
    public byte[] Sign(ReadOnlySpan<byte> noteText) => Ed25519.Sign(key, noteText);

    /// <summary>The secret signer key string, for keeping in the data directory.</summary>
    public string ExportSignerKey() =>
        $"PRIVATE+KEY+{Name}+{NoteEncoding.FormatKeyId(KeyId)}+{Convert.ToBase64String([NoteKeys.Ed25519SignatureType, .. key.Export(KeyBlobFormat.RawPrivateKey)])}";

    /// <inheritdoc />
    public void Dispose() => key.Dispose();

    private static KeyCreationParameters Exportable => new() { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };

    private static void ThrowIfInvalidName(string name)
    {
        if (!NoteKeys.IsValidKeyName(name))
        {
            throw new ArgumentException("Key names are non-empty, without spaces or '+'.", nameof(name));
        }
    }
}
