using System.Buffers;
using System.Text;
using System.Text.Json;
using Mandate.Protocol.Jose;

namespace Mandate.Core.Vault.Providers;

/// <summary>
/// The DPoP key (RFC 9449) Mandate holds for one connection at a provider that binds its tokens: an ES256 key made
/// for that connection when it is connected, kept as a private JWK inside the connection's sealed credential (so it is
/// encrypted at rest like the tokens it goes with), and used for every token request and every upstream call made
/// with that connection's tokens.
/// </summary>
public static class ProviderDpopKey
{
    /// <summary>The one algorithm Mandate signs provider proofs with (every DPoP provider we know of accepts it).</summary>
    public const string Algorithm = "ES256";

    public static JwsKey Create() => EcdsaJwsKey.Generate(keyId: "");

    public static string ToPrivateJwk(JwsKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            key.WritePrivateMembers(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The key of a stored private JWK, or null when it is not one that can sign.</summary>
    public static JwsKey? FromPrivateJwk(string? jwk)
    {
        if (string.IsNullOrEmpty(jwk))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(jwk);
            var key = JwkReader.Read(document.RootElement, Algorithm);
            if (key is { CanSign: true })
            {
                return key;
            }

            key?.Dispose();
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
