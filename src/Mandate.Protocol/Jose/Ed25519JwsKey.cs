using System.Buffers.Text;
using System.Text.Json;
using NSec.Cryptography;

namespace Mandate.Protocol.Jose;

/// <summary>EdDSA with Ed25519 (RFC 8037), through NSec/libsodium since the BCL has no Ed25519.</summary>
public sealed class Ed25519JwsKey : JwsKey
{
    private static readonly SignatureAlgorithm Ed25519 = SignatureAlgorithm.Ed25519;
    private readonly Key? privateKey;
    private readonly PublicKey publicKey;

    private Ed25519JwsKey(string keyId, Key? privateKey, PublicKey publicKey)
        : base(keyId, JwsAlgorithms.EdDSA)
    {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /// <summary>Generates a new Ed25519 key (exportable so it can be kept in the data directory).</summary>
    public static Ed25519JwsKey Generate(string keyId)
    {
        var key = Key.Create(Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        return new Ed25519JwsKey(keyId, key, key.PublicKey);
    }

    /// <summary>Imports a raw 32-byte private key seed.</summary>
    public static Ed25519JwsKey FromPrivateSeed(string keyId, ReadOnlySpan<byte> seed)
    {
        var key = Key.Import(Ed25519, seed, KeyBlobFormat.RawPrivateKey, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        return new Ed25519JwsKey(keyId, key, key.PublicKey);
    }

    /// <summary>Imports a raw 32-byte public key.</summary>
    public static Ed25519JwsKey FromPublicKey(string keyId, ReadOnlySpan<byte> publicKeyBytes) =>
        new(keyId, null, PublicKey.Import(Ed25519, publicKeyBytes, KeyBlobFormat.RawPublicKey));

    /// <inheritdoc />
    public override bool CanSign => privateKey is not null;

    /// <inheritdoc />
    public override byte[] Sign(ReadOnlySpan<byte> data) =>
        Ed25519.Sign(privateKey ?? throw new InvalidOperationException("This key has no private half."), data);

    /// <inheritdoc />
    public override bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) => Ed25519.Verify(publicKey, data, signature);

    /// <inheritdoc />
    public override void WritePublicMembers(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString("kty", "OKP");
        writer.WriteString("crv", "Ed25519");
        writer.WriteString("x", Base64Url.EncodeToString(publicKey.Export(KeyBlobFormat.RawPublicKey)));
    }

    /// <inheritdoc />
    public override void WritePrivateMembers(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        WritePublicMembers(writer);
        var seed = (privateKey ?? throw new InvalidOperationException("This key has no private half.")).Export(KeyBlobFormat.RawPrivateKey);
        writer.WriteString("d", Base64Url.EncodeToString(seed));
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            privateKey?.Dispose();
        }

        base.Dispose(disposing);
    }
}
