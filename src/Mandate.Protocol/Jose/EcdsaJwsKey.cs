using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace Mandate.Protocol.Jose;

/// <summary>ES256: ECDSA on P-256 with SHA-256, signatures in the fixed-width r||s form JWS requires.</summary>
public sealed class EcdsaJwsKey : JwsKey
{
    private readonly ECDsa key;
    private readonly bool hasPrivate;

    /// <summary>Wraps an existing P-256 key; the wrapper owns and disposes it.</summary>
    public EcdsaJwsKey(string keyId, ECDsa key, bool hasPrivate)
        : base(keyId, JwsAlgorithms.ES256)
    {
        this.key = key ?? throw new ArgumentNullException(nameof(key));
        this.hasPrivate = hasPrivate;
    }

    /// <summary>Generates a new P-256 key.</summary>
    public static EcdsaJwsKey Generate(string keyId) => new(keyId, ECDsa.Create(ECCurve.NamedCurves.nistP256), true);

    /// <inheritdoc />
    public override bool CanSign => hasPrivate;

    /// <inheritdoc />
    public override byte[] Sign(ReadOnlySpan<byte> data) => key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    /// <inheritdoc />
    public override bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        signature.Length == 64 && key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    /// <inheritdoc />
    public override void WritePublicMembers(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var p = key.ExportParameters(false);
        writer.WriteString("kty", "EC");
        writer.WriteString("crv", "P-256");
        writer.WriteString("x", Base64Url.EncodeToString(p.Q.X));
        writer.WriteString("y", Base64Url.EncodeToString(p.Q.Y));
    }

    /// <inheritdoc />
    public override void WritePrivateMembers(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        WritePublicMembers(writer);
        var p = key.ExportParameters(true);
        writer.WriteString("d", Base64Url.EncodeToString(p.D));
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            key.Dispose();
        }

        base.Dispose(disposing);
    }
}
