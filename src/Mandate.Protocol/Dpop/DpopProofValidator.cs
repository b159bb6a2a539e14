using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mandate.Protocol.Jose;

namespace Mandate.Protocol.Dpop;

/// <summary>
/// Checks a DPoP proof JWT against the request it came with (RFC 9449 §4.3): a compact JWS typed <c>dpop+jwt</c>, an
/// allowed asymmetric <c>alg</c>, a public <c>jwk</c> that verifies the signature, <c>jti</c>, <c>htm</c>, <c>htu</c>
/// and <c>iat</c> present and matching, <c>ath</c> when an access token is presented, <c>nonce</c> when one is
/// required. Pure: replay detection (remembering <c>jti</c>) and nonce issuance are the caller's. Never throws for bad
/// input; every refusal is a <see cref="DpopProofResult"/>.
/// </summary>
public sealed class DpopProofValidator
{
    private static readonly string[] PrivateMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

    // NumericDate bounds DateTimeOffset can represent (years 0001 to 9999).
    private const double MinUnixSeconds = -62_135_596_800;
    private const double MaxUnixSeconds = 253_402_300_799;

    private readonly HashSet<string> algorithms;

    /// <summary>Creates a validator with the given policy (the defaults when null).</summary>
    /// <param name="options">Allowed algorithms, time window and size limits.</param>
    public DpopProofValidator(DpopProofValidationOptions? options = null)
    {
        Options = options ?? new DpopProofValidationOptions();
        algorithms = new HashSet<string>(
            Options.AllowedAlgorithms.Where(a => DpopProofValidationOptions.DefaultAlgorithms.Contains(a, StringComparer.Ordinal)),
            StringComparer.Ordinal);
    }

    /// <summary>The policy in force.</summary>
    public DpopProofValidationOptions Options { get; }

    /// <summary>The algorithms this validator accepts, in the order of <see cref="DpopProofValidationOptions.DefaultAlgorithms"/>.</summary>
    public IReadOnlyList<string> Algorithms => DpopProofValidationOptions.DefaultAlgorithms.Where(algorithms.Contains).ToList();

    /// <summary>Checks one proof.</summary>
    /// <param name="proof">The value of the request's single <c>DPoP</c> header field (the caller refuses more than one).</param>
    /// <param name="context">The request's method and URI, the access token presented with it, the nonces accepted now.</param>
    /// <param name="now">The server's current time.</param>
    /// <returns>The key's thumbprint, <c>jti</c> and <c>iat</c>, or the failure and its OAuth error.</returns>
    public DpopProofResult Validate(string? proof, DpopProofContext context, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrEmpty(proof))
        {
            return DpopProofResult.Refused(DpopProofFailure.Missing, "A DPoP proof is required.");
        }

        if (proof.Length > Options.MaxProofLength)
        {
            return DpopProofResult.Refused(DpopProofFailure.TooLarge, "The DPoP proof is too large.");
        }

        if (CompactJws.TryParse(proof, Options.MaxProofLength) is not { } parts || parts.Header.TryGetProperty("crit", out _))
        {
            return DpopProofResult.Refused(DpopProofFailure.Malformed, "The DPoP proof is not a well-formed JWT.");
        }

        if (!string.Equals(parts.Type, DpopConstants.JwtType, StringComparison.OrdinalIgnoreCase))
        {
            return DpopProofResult.Refused(DpopProofFailure.WrongType, "The DPoP proof's typ must be dpop+jwt.");
        }

        if (parts.Algorithm is not { } alg || !algorithms.Contains(alg))
        {
            return DpopProofResult.Refused(DpopProofFailure.UnsupportedAlgorithm, "The DPoP proof's alg is not supported.");
        }

        var keyCheck = CheckSignature(parts, alg, out var thumbprint);
        if (keyCheck is not null)
        {
            return keyCheck;
        }

        return CheckClaims(parts, context, now, thumbprint);
    }

    private static DpopProofResult? CheckSignature(JwsParts parts, string alg, out string thumbprint)
    {
        thumbprint = string.Empty;
        if (!parts.Header.TryGetProperty("jwk", out var jwk) || jwk.ValueKind != JsonValueKind.Object)
        {
            return DpopProofResult.Refused(DpopProofFailure.InvalidKey, "The DPoP proof has no jwk header.");
        }

        if (PrivateMembers.Any(m => jwk.TryGetProperty(m, out _)))
        {
            return DpopProofResult.Refused(DpopProofFailure.PrivateKey, "The DPoP proof's jwk must not contain a private key.");
        }

        using var key = JwkReader.Read(jwk, alg);
        if (key is null || !Fits(key, alg) || !JwkThumbprint.TryCompute(jwk, out thumbprint))
        {
            return DpopProofResult.Refused(DpopProofFailure.InvalidKey, "The DPoP proof's jwk is unsupported or does not fit its alg.");
        }

        return Verifies(key, parts) ? null : DpopProofResult.Refused(DpopProofFailure.BadSignature, "The DPoP proof's signature does not verify.");
    }

    private DpopProofResult CheckClaims(JwsParts parts, DpopProofContext context, DateTimeOffset now, string thumbprint)
    {
        var jti = parts.GetClaim("jti");
        var htm = parts.GetClaim("htm");
        var htu = parts.GetClaim("htu");
        if (string.IsNullOrEmpty(jti) || htm is null || htu is null || ReadIssuedAt(parts.Payload) is not { } iat)
        {
            return DpopProofResult.Refused(DpopProofFailure.MissingClaim, "The DPoP proof must carry jti, htm, htu and iat.");
        }

        if (jti.Length > Options.MaxJwtIdLength)
        {
            return DpopProofResult.Refused(DpopProofFailure.JwtIdTooLong, "The DPoP proof's jti is too long.");
        }

        if (!string.Equals(htm, context.Method, StringComparison.Ordinal))
        {
            return DpopProofResult.Refused(DpopProofFailure.MethodMismatch, "The DPoP proof's htm does not match the request method.");
        }

        if (!DpopTargetUri.Matches(htu, context.Uri))
        {
            return DpopProofResult.Refused(DpopProofFailure.UriMismatch, "The DPoP proof's htu does not match the request URI.");
        }

        if (iat < now - Options.MaxAge)
        {
            return DpopProofResult.Refused(DpopProofFailure.TooOld, "The DPoP proof is too old (iat).");
        }

        if (iat > now + Options.ClockSkew)
        {
            return DpopProofResult.Refused(DpopProofFailure.IssuedInFuture, "The DPoP proof's iat is in the future.");
        }

        if (context.AccessToken is not null)
        {
            var ath = parts.GetClaim("ath");
            if (ath is null)
            {
                return DpopProofResult.Refused(DpopProofFailure.MissingAccessTokenHash, "The DPoP proof must carry ath with an access token.");
            }

            if (!AccessTokenHash.Matches(context.AccessToken, ath))
            {
                return DpopProofResult.Refused(DpopProofFailure.AccessTokenHashMismatch, "The DPoP proof's ath does not match the access token.");
            }
        }

        if (context.AcceptedNonces is { } accepted)
        {
            var nonce = parts.GetClaim("nonce");
            if (nonce is null)
            {
                return DpopProofResult.Refused(DpopProofFailure.MissingNonce, "A nonce is required in the DPoP proof.");
            }

            if (!accepted.Any(n => SameText(n, nonce)))
            {
                return DpopProofResult.Refused(DpopProofFailure.StaleNonce, "The DPoP proof's nonce is not current.");
            }
        }

        return DpopProofResult.Valid(thumbprint, jti, iat);
    }

    /// <summary>Whether a key read from the jwk is the kind the header's alg names (so alg and key cannot be mixed).</summary>
    private static bool Fits(JwsKey key, string alg) => alg switch
    {
        JwsAlgorithms.ES256 => key is EcdsaJwsKey,
        JwsAlgorithms.EdDSA or JwsAlgorithms.Ed25519 => key is Ed25519JwsKey,
        JwsAlgorithms.PS256 or JwsAlgorithms.RS256 => key is RsaJwsKey && key.Algorithm == alg,
        _ => false,
    };

    private static bool Verifies(JwsKey key, JwsParts parts)
    {
        try
        {
            return key.Verify(parts.SigningInput, parts.Signature);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static DateTimeOffset? ReadIssuedAt(JsonElement payload)
    {
        if (!payload.TryGetProperty("iat", out var value) || value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var seconds)
            || double.IsNaN(seconds) || seconds < MinUnixSeconds || seconds > MaxUnixSeconds)
        {
            return null;
        }

        return DateTimeOffset.FromUnixTimeSeconds((long)Math.Floor(seconds));
    }

    private static bool SameText(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
