using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace Mandate.Protocol.Jose;

/// <summary>RSA signatures with SHA-256: PS256 (RSASSA-PSS, which Mandate signs with) or RS256 (PKCS#1 v1.5, accepted from clients).</summary>
public sealed class RsaJwsKey : JwsKey
{
    private readonly RSA key;
    private readonly bool hasPrivate;
    private readonly RSASignaturePadding padding;

    /// <summary>Wraps an existing RSA key for PS256 or RS256; the wrapper owns and disposes it.</summary>
    public RsaJwsKey(string keyId, RSA key, bool hasPrivate, string algorithm = JwsAlgorithms.PS256)
        : base(keyId, algorithm)
    {
        this.key = key ?? throw new ArgumentNullException(nameof(key));
        this.hasPrivate = hasPrivate;
        padding = algorithm switch
        {
            JwsAlgorithms.PS256 => RSASignaturePadding.Pss,
            JwsAlgorithms.RS256 => RSASignaturePadding.Pkcs1,
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "RSA keys sign PS256 or RS256."),
        };
    }

    /// <summary>Generates a new 3072-bit RSA key for PS256.</summary>
    public static RsaJwsKey Generate(string keyId) => new(keyId, RSA.Create(3072), true);

    /// <inheritdoc />
    public override bool CanSign => hasPrivate;

    /// <inheritdoc />
    public override byte[] Sign(ReadOnlySpan<byte> data) => key.SignData(data.ToArray(), HashAlgorithmName.SHA256, padding);

    /// <inheritdoc />
    public override bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        key.VerifyData(data, signature, HashAlgorithmName.SHA256, padding);

    /// <inheritdoc />
    public override void WritePublicMembers(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var p = key.ExportParameters(false);
        writer.WriteString("kty", "RSA");
        writer.WriteString("n", Base64Url.EncodeToString(p.Modulus));
        writer.WriteString("e", Base64Url.EncodeToString(p.Exponent));
    }

    /// <inheritdoc />
    public override void WritePrivateMembers(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        WritePublicMembers(writer);
        var p = key.ExportParameters(true);
        writer.WriteString("d", Base64Url.EncodeToString(p.D));
        writer.WriteString("p", Base64Url.EncodeToString(p.P));
        writer.WriteString("q", Base64Url.EncodeToString(p.Q));
        writer.WriteString("dp", Base64Url.EncodeToString(p.DP));
        writer.WriteString("dq", Base64Url.EncodeToString(p.DQ));
        writer.WriteString("qi", Base64Url.EncodeToString(p.InverseQ));
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
