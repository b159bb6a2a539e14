using System.Security.Cryptography;
using System.Text;

namespace Mandate.Core.Approvals;

/// <summary>
/// The approval webhook's signature, the Standard Webhooks scheme (standardwebhooks.com): HMAC-SHA256 over
/// <c>{webhook-id}.{webhook-timestamp}.{body}</c>, sent as <c>webhook-signature: v1,{base64}</c>. The key is the
/// configured secret's UTF-8 bytes, or, for a secret written <c>whsec_{base64}</c>, those decoded bytes, as the
/// Standard Webhooks libraries expect.
/// </summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    public static byte[] Key(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return secret.StartsWith(SecretPrefix, StringComparison.Ordinal)
            ? Convert.FromBase64String(secret[SecretPrefix.Length..])
            : Encoding.UTF8.GetBytes(secret);
    }

    public static string Sign(byte[] key, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(id);
        var prefix = Encoding.UTF8.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{id}.{timestamp}."));
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        return "v1," + Convert.ToBase64String(hmac.GetHashAndReset());
    }

    /// <summary>Whether one of the space-separated signatures in the header is the right one (constant-time compare).</summary>
    public static bool Verify(byte[] key, string id, long timestamp, ReadOnlySpan<byte> body, string signatureHeader)
    {
        ArgumentNullException.ThrowIfNull(signatureHeader);
        var expected = Encoding.ASCII.GetBytes(Sign(key, id, timestamp, body));
        return signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Any(candidate => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(candidate), expected));
    }
}
