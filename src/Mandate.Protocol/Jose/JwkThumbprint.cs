using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mandate.Protocol.Json;

namespace Mandate.Protocol.Jose;

/// <summary>
/// JWK SHA-256 thumbprints (RFC 7638): the base64url SHA-256 of the key's required public members, in lexicographic
/// order, without whitespace. Supported: EC on P-256, P-384 and P-521 (<c>crv</c>, <c>kty</c>, <c>x</c>, <c>y</c>),
/// RSA (<c>e</c>, <c>kty</c>, <c>n</c>) and OKP (<c>crv</c>, <c>kty</c>, <c>x</c>). This is the <c>jkt</c> of
/// RFC 9449 (DPoP) and the <c>dpop_jkt</c> authorization request parameter.
/// </summary>
public static class JwkThumbprint
{
    /// <summary>Length of a SHA-256 thumbprint in base64url: 32 bytes without padding.</summary>
    public const int Length = 43;

    /// <summary>
    /// Computes the thumbprint of a JWK. Members other than the required ones (<c>kid</c>, <c>alg</c>, <c>use</c>,
    /// private members) do not take part. Never throws for bad input.
    /// </summary>
    /// <param name="jwk">A JWK object.</param>
    /// <param name="thumbprint">The base64url thumbprint on success; an empty string otherwise.</param>
    /// <returns>
    /// False when the key type is unsupported, a required member is missing or not a base64url string, or an EC
    /// coordinate has the wrong length for its curve.
    /// </returns>
    public static bool TryCompute(JsonElement jwk, out string thumbprint)
    {
        thumbprint = string.Empty;
        var canonical = TryGetCanonicalJson(jwk);
        if (canonical is null)
        {
            return false;
        }

        thumbprint = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(canonical)));
        return true;
    }

    /// <summary>Computes the thumbprint of a key's public half.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The base64url thumbprint.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The key writes a JWK this class cannot take a thumbprint of.</exception>
    public static string Compute(JwsKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            key.WritePublicMembers(writer);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return TryCompute(document.RootElement, out var thumbprint)
            ? thumbprint
            : throw new InvalidOperationException("The key's public JWK has no RFC 7638 thumbprint.");
    }

    /// <summary>True when <paramref name="value"/> has the form of a SHA-256 thumbprint: 43 base64url characters.</summary>
    /// <param name="value">The candidate, e.g. a <c>dpop_jkt</c> parameter.</param>
    /// <returns>True when well-formed.</returns>
    public static bool IsWellFormed(string? value) =>
        value is { Length: Length } && IsBase64Url(value) && Base64Url.IsValid(value, out var decoded) && decoded == 32;

    /// <summary>The RFC 7638 canonical JSON of the key's required members, or null when it has none.</summary>
    internal static string? TryGetCanonicalJson(JsonElement jwk)
    {
        if (jwk.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return JsonMembers.GetString(jwk, "kty") switch
        {
            "EC" => CanonicalEc(jwk),
            "RSA" when Member(jwk, "e") is { } e && Member(jwk, "n") is { } n => $"{{\"e\":\"{e}\",\"kty\":\"RSA\",\"n\":\"{n}\"}}",
            "OKP" when JsonMembers.GetString(jwk, "crv") is "Ed25519" or "Ed448" or "X25519" or "X448" && Member(jwk, "x") is { } x =>
                $"{{\"crv\":\"{JsonMembers.GetString(jwk, "crv")}\",\"kty\":\"OKP\",\"x\":\"{x}\"}}",
            _ => null,
        };
    }

    private static string? CanonicalEc(JsonElement jwk)
    {
        var crv = JsonMembers.GetString(jwk, "crv");
        var size = crv switch
        {
            "P-256" => 32,
            "P-384" => 48,
            "P-521" => 66,
            _ => 0,
        };
        var x = Member(jwk, "x");
        var y = Member(jwk, "y");
        if (size == 0 || x is null || y is null || DecodedLength(x) != size || DecodedLength(y) != size)
        {
            return null;
        }

        return $"{{\"crv\":\"{crv}\",\"kty\":\"EC\",\"x\":\"{x}\",\"y\":\"{y}\"}}";
    }

    /// <summary>A required member: a non-empty base64url string (so it needs no JSON escaping in the canonical form).</summary>
    private static string? Member(JsonElement jwk, string name) =>
        JsonMembers.GetString(jwk, name) is { Length: > 0 } value && IsBase64Url(value) ? value : null;

    private static int DecodedLength(string value) => Base64Url.IsValid(value, out var length) ? length : -1;

    private static bool IsBase64Url(string value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

}
