using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Mandate.Protocol.Dpop;

/// <summary>The <c>ath</c> claim of a DPoP proof: base64url of the SHA-256 of the access token's ASCII (RFC 9449 §4.2).</summary>
public static class AccessTokenHash
{
    /// <summary>Computes <c>ath</c> for an access token.</summary>
    /// <param name="accessToken">The access token exactly as sent in the Authorization header.</param>
    /// <returns>The 43-character base64url hash.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="accessToken"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="accessToken"/> is not ASCII.</exception>
    public static string Compute(string accessToken)
    {
        ArgumentNullException.ThrowIfNull(accessToken);
        if (!Ascii.IsValid(accessToken))
        {
            throw new ArgumentException("Access tokens are ASCII.", nameof(accessToken));
        }

        return Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken)));
    }

    /// <summary>Whether <paramref name="ath"/> is the hash of <paramref name="accessToken"/>. Never throws.</summary>
    /// <param name="accessToken">The access token presented with the proof.</param>
    /// <param name="ath">The proof's <c>ath</c> claim.</param>
    /// <returns>True only when both are present, the token is ASCII and the hash matches.</returns>
    public static bool Matches(string? accessToken, string? ath)
    {
        if (accessToken is null || ath is null || !Ascii.IsValid(accessToken))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Compute(accessToken)), Encoding.UTF8.GetBytes(ath));
    }
}
