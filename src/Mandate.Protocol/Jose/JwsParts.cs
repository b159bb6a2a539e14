using System.Text.Json;

namespace Mandate.Protocol.Jose;

/// <summary>A parsed (not yet verified) compact JWS.</summary>
public sealed record JwsParts(JsonElement Header, JsonElement Payload, byte[] SigningInput, byte[] Signature)
{
    /// <summary>The header's alg, or null.</summary>
    public string? Algorithm => GetHeader("alg");

    /// <summary>The header's kid, or null.</summary>
    public string? KeyId => GetHeader("kid");

    /// <summary>The header's typ, or null.</summary>
    public string? Type => GetHeader("typ");

    /// <summary>Verifies the signature with the key, refusing any alg other than the key's own (no alg:none, no HMAC confusion).</summary>
    public bool VerifyWith(JwsKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return string.Equals(Algorithm, key.Algorithm, StringComparison.Ordinal) && key.Verify(SigningInput, Signature);
    }

    /// <summary>A string claim of the payload, or null.</summary>
    public string? GetClaim(string name) =>
        Json.JsonMembers.GetString(Payload, name);

    /// <summary>A NumericDate claim of the payload, or null.</summary>
    public long? GetNumericClaim(string name) =>
        Payload.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;

    private string? GetHeader(string name) =>
        Json.JsonMembers.GetString(Header, name);
}
