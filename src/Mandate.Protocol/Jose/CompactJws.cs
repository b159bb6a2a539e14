using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Mandate.Protocol.Jose;

/// <summary>
/// Creates JWS compact serialisations. Written by hand over <see cref="Utf8JsonWriter"/> because token issuance
/// is a hot path and Microsoft.IdentityModel neither signs EdDSA nor writes without intermediate dictionaries.
/// </summary>
public static class CompactJws
{
    /// <summary>Signs a JWT: header {alg, typ, kid} plus the payload the callback writes (the callback writes members only).</summary>
    public static string Create(JwsKey key, string type, Action<Utf8JsonWriter> writePayloadMembers) =>
        Create(key, type, includeKeyId: true, writeHeaderMembers: null, writePayloadMembers);

    /// <summary>
    /// Signs a JWT whose header is {alg, typ}, then kid when <paramref name="includeKeyId"/> is set, then the members
    /// <paramref name="writeHeaderMembers"/> writes (for example a DPoP proof's <c>jwk</c>). Both callbacks write
    /// members only, into objects this method opens and closes.
    /// </summary>
    /// <param name="key">The signing key; it must hold its private half.</param>
    /// <param name="type">The <c>typ</c> header value (e.g. <c>at+jwt</c>, <c>dpop+jwt</c>).</param>
    /// <param name="includeKeyId">Whether to write the key's <c>kid</c> into the header.</param>
    /// <param name="writeHeaderMembers">Writes extra header members; null for none.</param>
    /// <param name="writePayloadMembers">Writes the claims.</param>
    /// <returns>The compact serialisation <c>header.payload.signature</c>.</returns>
    public static string Create(JwsKey key, string type, bool includeKeyId, Action<Utf8JsonWriter>? writeHeaderMembers, Action<Utf8JsonWriter> writePayloadMembers)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(writePayloadMembers);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("alg", key.Algorithm);
            writer.WriteString("typ", type);
            if (includeKeyId)
            {
                writer.WriteString("kid", key.KeyId);
            }

            writeHeaderMembers?.Invoke(writer);
            writer.WriteEndObject();
        }

        var header = Base64Url.EncodeToString(buffer.WrittenSpan);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writePayloadMembers(writer);
            writer.WriteEndObject();
        }

        var payload = Base64Url.EncodeToString(buffer.WrittenSpan);
        var signingInput = string.Concat(header, ".", payload);
        var signature = key.Sign(Encoding.ASCII.GetBytes(signingInput));
        return string.Concat(signingInput, ".", Base64Url.EncodeToString(signature));
    }

    /// <summary>Splits and decodes a compact JWS. Returns null for anything malformed (never throws).</summary>
    public static JwsParts? TryParse(string? token, int maxLength = 16 * 1024)
    {
        if (string.IsNullOrEmpty(token) || token.Length > maxLength)
        {
            return null;
        }

        var first = token.IndexOf('.', StringComparison.Ordinal);
        var second = first < 0 ? -1 : token.IndexOf('.', first + 1);
        if (first <= 0 || second < 0 || token.IndexOf('.', second + 1) >= 0)
        {
            return null;
        }

        try
        {
            var headerBytes = Base64Url.DecodeFromChars(token.AsSpan(0, first));
            var payloadBytes = Base64Url.DecodeFromChars(token.AsSpan(first + 1, second - first - 1));
            var signature = Base64Url.DecodeFromChars(token.AsSpan(second + 1));
            using var header = JsonDocument.Parse(headerBytes);
            using var payload = JsonDocument.Parse(payloadBytes);
            if (header.RootElement.ValueKind != JsonValueKind.Object || payload.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return new JwsParts(header.RootElement.Clone(), payload.RootElement.Clone(), Encoding.ASCII.GetBytes(token[..second]), signature);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }
}
