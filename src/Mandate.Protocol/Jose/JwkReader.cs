using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Mandate.Protocol.Json;

namespace Mandate.Protocol.Jose;

/// <summary>Reads JWKs (RFC 7517) into <see cref="JwsKey"/> instances. Unknown or malformed keys give null, never an exception.</summary>
public static class JwkReader
{
    /// <summary>Reads one JWK object. <paramref name="algorithmHint"/> selects the algorithm for RSA keys without "alg".</summary>
    public static JwsKey? Read(JsonElement jwk, string? algorithmHint = null)
    {
        if (jwk.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        try
        {
            var kid = JsonMembers.GetString(jwk, "kid") ?? string.Empty;
            var alg = JsonMembers.GetString(jwk, "alg") ?? algorithmHint;
            return JsonMembers.GetString(jwk, "kty") switch
            {
                "EC" when JsonMembers.GetString(jwk, "crv") == "P-256" && alg is null or JwsAlgorithms.ES256 => ReadEc(jwk, kid),
                "RSA" when alg is JwsAlgorithms.PS256 or JwsAlgorithms.RS256 => new RsaJwsKey(kid, ReadRsa(jwk, out var rsaPrivate), rsaPrivate, alg),
                "OKP" when JsonMembers.GetString(jwk, "crv") == "Ed25519" && alg is null or JwsAlgorithms.EdDSA or JwsAlgorithms.Ed25519 => ReadOkp(jwk, kid),
                _ => null,
            };
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Reads every usable signing key of a JWK Set (<c>{"keys":[...]}</c>).</summary>
    public static IReadOnlyList<JwsKey> ReadSet(JsonElement jwks)
    {
        var keys = new List<JwsKey>();
        if (jwks.ValueKind == JsonValueKind.Object && jwks.TryGetProperty("keys", out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in array.EnumerateArray())
            {
                if (JsonMembers.GetString(item, "use") is null or "sig" && Read(item) is { } key)
                {
                    keys.Add(key);
                }
            }
        }

        return keys;
    }

    private static EcdsaJwsKey ReadEc(JsonElement jwk, string kid)
    {
        var parameters = new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Decode(jwk, "x", 32), Y = Decode(jwk, "y", 32) },
        };
        var hasPrivate = jwk.TryGetProperty("d", out _);
        if (hasPrivate)
        {
            parameters.D = Decode(jwk, "d", 32);
        }

        return new EcdsaJwsKey(kid, ECDsa.Create(parameters), hasPrivate);
    }

    private static RSA ReadRsa(JsonElement jwk, out bool hasPrivate)
    {
        var parameters = new RSAParameters { Modulus = Decode(jwk, "n"), Exponent = Decode(jwk, "e") };
        if (parameters.Modulus.Length < 256)
        {
            throw new CryptographicException("RSA keys under 2048 bits are refused.");
        }

        hasPrivate = jwk.TryGetProperty("d", out _);
        if (hasPrivate)
        {
            parameters.D = Decode(jwk, "d");
            parameters.P = Decode(jwk, "p");
            parameters.Q = Decode(jwk, "q");
            parameters.DP = Decode(jwk, "dp");
            parameters.DQ = Decode(jwk, "dq");
            parameters.InverseQ = Decode(jwk, "qi");
        }

        return RSA.Create(parameters);
    }

    private static Ed25519JwsKey ReadOkp(JsonElement jwk, string kid) =>
        jwk.TryGetProperty("d", out _)
            ? Ed25519JwsKey.FromPrivateSeed(kid, Decode(jwk, "d", 32))
            : Ed25519JwsKey.FromPublicKey(kid, Decode(jwk, "x", 32));

    private static byte[] Decode(JsonElement jwk, string name, int length = -1)
    {
        var text = JsonMembers.GetString(jwk, name) ?? throw new FormatException($"JWK member '{name}' is missing.");
        var bytes = Base64Url.DecodeFromChars(text);
        if (length > 0 && bytes.Length != length)
        {
            throw new FormatException($"JWK member '{name}' has the wrong length.");
        }

        return bytes;
    }

}
