using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mandate.Protocol.Jose;

namespace Mandate.Core.Tests.Support;

/// <summary>Builds JWTs for tests: properly signed ones, and the forged shapes a verifier must refuse.</summary>
public static class Jwt
{
    public static string Sign(JwsKey key, string type, IReadOnlyDictionary<string, object> claims) =>
        CompactJws.Create(key, type, writer => WriteClaims(writer, claims));

    /// <summary>{"alg":"none"} with an empty signature.</summary>
    public static string AlgNone(string? keyId, string type, IReadOnlyDictionary<string, object> claims) =>
        Encode(Header("none", keyId, type)) + "." + Encode(Payload(claims)) + ".";

    /// <summary>HS256 keyed with the public JWK text: the classic algorithm-confusion forgery.</summary>
    public static string HmacWithPublicKey(JwsKey key, string type, IReadOnlyDictionary<string, object> claims)
    {
        var input = Encode(Header("HS256", key.KeyId, type)) + "." + Encode(Payload(claims));
        var secret = Encoding.UTF8.GetBytes(PublicJwks(key));
        return input + "." + Base64Url.EncodeToString(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(input)));
    }

    /// <summary>Replaces the payload of a signed token, keeping header and signature.</summary>
    public static string WithPayload(string token, IReadOnlyDictionary<string, object> claims)
    {
        var parts = token.Split('.');
        return parts[0] + "." + Encode(Payload(claims)) + "." + parts[2];
    }

    public static string PublicJwks(params JwsKey[] keys)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("keys");
            foreach (var key in keys)
            {
                key.WritePublicJwk(writer);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static JsonElement Payload(string token) => CompactJws.TryParse(token)!.Payload;

    private static string Encode(byte[] json) => Base64Url.EncodeToString(json);

    private static byte[] Header(string alg, string? keyId, string type)
    {
        var header = new Dictionary<string, object> { ["alg"] = alg, ["typ"] = type };
        if (keyId is not null)
        {
            header["kid"] = keyId;
        }

        return Payload(header);
    }

    private static byte[] Payload(IReadOnlyDictionary<string, object> claims)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            WriteClaims(writer, claims);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteClaims(Utf8JsonWriter writer, IReadOnlyDictionary<string, object> claims)
    {
        foreach (var (name, value) in claims)
        {
            switch (value)
            {
                case long number:
                    writer.WriteNumber(name, number);
                    break;
                case string[] array:
                    writer.WriteStartArray(name);
                    foreach (var item in array)
                    {
                        writer.WriteStringValue(item);
                    }

                    writer.WriteEndArray();
                    break;
                case IReadOnlyDictionary<string, object> nested:
                    writer.WriteStartObject(name);
                    WriteClaims(writer, nested);
                    writer.WriteEndObject();
                    break;
                default:
                    writer.WriteString(name, value.ToString());
                    break;
            }
        }
    }
}
