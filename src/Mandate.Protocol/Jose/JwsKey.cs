using System.Text.Json;

namespace Mandate.Protocol.Jose;

/// <summary>An asymmetric key that signs and verifies JWS signatures with one fixed algorithm.</summary>
public abstract class JwsKey : IDisposable
{
    /// <summary>Creates the key wrapper.</summary>
    protected JwsKey(string keyId, string algorithm)
    {
        KeyId = keyId;
        Algorithm = algorithm;
    }

    /// <summary>The <c>kid</c> published in the JWKS and set in every JWS header.</summary>
    public string KeyId { get; }

    /// <summary>The JWS <c>alg</c> value (ES256, PS256, EdDSA).</summary>
    public string Algorithm { get; }

    /// <summary>Whether this instance holds the private half.</summary>
    public abstract bool CanSign { get; }

    /// <summary>Signs the JWS signing input.</summary>
    public abstract byte[] Sign(ReadOnlySpan<byte> data);

    /// <summary>Verifies a signature; returns false on a bad signature, never throws for one.</summary>
    public abstract bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature);

    /// <summary>Writes the public JWK members (kty and key material) into an open JSON object.</summary>
    public abstract void WritePublicMembers(Utf8JsonWriter writer);

    /// <summary>Writes the private JWK members (kty, public and private material) into an open JSON object.</summary>
    public abstract void WritePrivateMembers(Utf8JsonWriter writer);

    /// <summary>Writes the public JWK as a complete JSON object with kid, alg and use.</summary>
    public void WritePublicJwk(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        WritePublicMembers(writer);
        writer.WriteString("kid", KeyId);
        writer.WriteString("alg", Algorithm);
        writer.WriteString("use", "sig");
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the underlying key.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
