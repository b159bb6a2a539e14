using System.Buffers.Text;
using System.Security.Cryptography;

namespace Mandate.Protocol.Pkce;

/// <summary>
/// Proof Key for Code Exchange (RFC 7636) helpers. Only the <c>S256</c> method is supported.
/// </summary>
public static class Pkce
{
    /// <summary>Minimum length of a code verifier (RFC 7636 §4.1).</summary>
    public const int MinVerifierLength = 43;

    /// <summary>Maximum length of a code verifier (RFC 7636 §4.1).</summary>
    public const int MaxVerifierLength = 128;

    /// <summary>Length of an S256 code challenge: base64url of 32 bytes without padding.</summary>
    public const int S256ChallengeLength = 43;

    /// <summary>
    /// Checks a code verifier: 43–128 characters from <c>[A-Z] [a-z] [0-9] - . _ ~</c> (RFC 7636 §4.1).
    /// </summary>
    /// <param name="verifier">The candidate code verifier.</param>
    /// <returns>True when the verifier is well-formed.</returns>
    public static bool IsValidVerifier(string? verifier)
    {
        if (verifier is null || verifier.Length < MinVerifierLength || verifier.Length > MaxVerifierLength)
        {
            return false;
        }

        foreach (var c in verifier)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '.' or '_' or '~'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Checks an S256 code challenge: exactly 43 base64url characters (<c>[A-Z] [a-z] [0-9] - _</c>)
    /// that decode to 32 bytes.
    /// </summary>
    /// <param name="challenge">The candidate code challenge.</param>
    /// <returns>True when the challenge is well-formed.</returns>
    public static bool IsValidChallenge(string? challenge)
    {
        if (challenge is null || challenge.Length != S256ChallengeLength)
        {
            return false;
        }

        foreach (var c in challenge)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_'))
            {
                return false;
            }
        }

        // 43 characters carry 258 bits for a 256-bit hash: the last character's 2 spare bits must be zero,
        // otherwise several distinct strings would decode to the same hash.
        return (Base64UrlValue(challenge[^1]) & 0b11) == 0;
    }

    /// <summary>
    /// Computes <c>BASE64URL(SHA256(ASCII(verifier)))</c> (RFC 7636 §4.2).
    /// </summary>
    /// <param name="verifier">A code verifier; must satisfy <see cref="IsValidVerifier"/>.</param>
    /// <returns>The 43-character S256 code challenge.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="verifier"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="verifier"/> is not a valid code verifier.</exception>
    public static string ComputeS256Challenge(string verifier)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        if (!IsValidVerifier(verifier))
        {
            throw new ArgumentException("The code verifier must be 43-128 characters of [A-Za-z0-9-._~].", nameof(verifier));
        }

        return Base64Url.EncodeToString(HashVerifier(verifier));
    }

    /// <summary>
    /// Verifies that <paramref name="verifier"/> hashes to <paramref name="challenge"/> with S256,
    /// comparing in constant time. Never throws.
    /// </summary>
    /// <param name="verifier">The code verifier presented at the token endpoint.</param>
    /// <param name="challenge">The code challenge stored with the authorization code.</param>
    /// <returns>True only when both inputs are well-formed and match.</returns>
    public static bool VerifyS256(string verifier, string challenge)
    {
        if (!IsValidVerifier(verifier) || !IsValidChallenge(challenge))
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
        if (!Base64Url.TryDecodeFromChars(challenge, expected, out var written) || written != expected.Length)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(HashVerifier(verifier), expected);
    }

    private static int Base64UrlValue(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '-' => 62,
        _ => 63,
    };

    private static byte[] HashVerifier(string verifier)
    {
        // The verifier alphabet is pure ASCII (checked by the callers), so ASCII encoding is lossless.
        return SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(verifier));
    }
}
