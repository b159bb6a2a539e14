using System.Buffers;
using System.Text;
using System.Text.Json;
using Mandate.Protocol.Jose;

namespace Mandate.Client.Keys;

/// <summary>Private JWKs (RFC 7517) of <see cref="JwsKey"/>s: written with kid and alg, read back, re-labelled.</summary>
internal static class PrivateJwk
{
    /// <summary>The private JWK: key members, then <c>kid</c> (when not empty) and <c>alg</c>.</summary>
    public static string Write(JwsKey key, bool indented = false)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            writer.WriteStartObject();
            key.WritePrivateMembers(writer);
            if (key.KeyId.Length > 0)
            {
                writer.WriteString("kid", key.KeyId);
            }

            writer.WriteString("alg", key.Algorithm);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The public JWK with <c>kid</c>, <c>alg</c> and <c>use: sig</c>.</summary>
    public static string WritePublic(JwsKey key, bool asSet)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (asSet)
            {
                writer.WriteStartObject();
                writer.WriteStartArray("keys");
            }

            key.WritePublicJwk(writer);
            if (asSet)
            {
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Reads a private JWK. <c>alg</c> comes from the JWK, else the default for its key type (EC: ES256, OKP: EdDSA,
    /// RSA: PS256).
    /// </summary>
    /// <exception cref="FormatException">Not a JWK object, no private key, or a key type Mandate cannot sign with.</exception>
    public static JwsKey Read(JsonElement jwk)
    {
        if (jwk.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("A JWK is a JSON object.");
        }

        if (!jwk.TryGetProperty("d", out _))
        {
            throw new FormatException("The JWK holds no private key (member 'd').");
        }

        var algorithm = GetString(jwk, "alg") ?? GetString(jwk, "kty") switch
        {
            "EC" => JwsAlgorithms.ES256,
            "OKP" => JwsAlgorithms.EdDSA,
            "RSA" => JwsAlgorithms.PS256,
            _ => null,
        };
        var key = JwkReader.Read(jwk, algorithm);
        if (key is null || !key.CanSign)
        {
            key?.Dispose();
            throw new FormatException("The JWK is not a usable signing key: EC P-256 (ES256), Ed25519 (EdDSA) or RSA of 2048 bits or more (PS256, RS256).");
        }

        return key;
    }

    /// <summary>The same key under another <c>kid</c>; <paramref name="key"/> is disposed.</summary>
    public static JwsKey WithKeyId(JwsKey key, string keyId)
    {
        using (key)
        {
            var buffer = new ArrayBufferWriter<byte>(1024);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                key.WritePrivateMembers(writer);
                writer.WriteString("kid", keyId);
                writer.WriteString("alg", key.Algorithm);
                writer.WriteEndObject();
            }

            using var document = JsonDocument.Parse(buffer.WrittenMemory);
            var copy = Read(document.RootElement);
            buffer.Clear();
            return copy;
        }
    }

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
