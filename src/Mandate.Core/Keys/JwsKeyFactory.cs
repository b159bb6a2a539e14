using System.Buffers;
using System.Text;
using System.Text.Json;
using Mandate.Protocol.Jose;

namespace Mandate.Core.Keys;

public static class JwsKeyFactory
{
    public static JwsKey Generate(string algorithm, string keyId) => algorithm switch
    {
        JwsAlgorithms.ES256 => EcdsaJwsKey.Generate(keyId),
        JwsAlgorithms.PS256 => RsaJwsKey.Generate(keyId),
        JwsAlgorithms.EdDSA => Ed25519JwsKey.Generate(keyId),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unsupported signing algorithm."),
    };

    public static string ExportPrivateJwk(JwsKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            key.WritePrivateMembers(writer);
            writer.WriteString("kid", key.KeyId);
            writer.WriteString("alg", key.Algorithm);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
