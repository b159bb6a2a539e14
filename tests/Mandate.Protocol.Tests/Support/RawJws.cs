using System.Buffers.Text;
using System.Text;
using Mandate.Protocol.Jose;

namespace Mandate.Protocol.Tests.Support;

/// <summary>Signs any header and payload JSON as given, so tests can build proofs no well-behaved builder would.</summary>
internal static class RawJws
{
    public static string Sign(JwsKey key, string headerJson, string payloadJson)
    {
        var input = Encode(headerJson) + "." + Encode(payloadJson);
        return input + "." + Base64Url.EncodeToString(key.Sign(Encoding.ASCII.GetBytes(input)));
    }

    public static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    /// <summary>The key's public JWK members as a JSON object, e.g. {"kty":"EC",...}.</summary>
    public static string PublicJwk(JwsKey key) => MembersJson(key.WritePublicMembers);

    public static string PrivateJwk(JwsKey key) => MembersJson(key.WritePrivateMembers);

    private static string MembersJson(Action<System.Text.Json.Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
