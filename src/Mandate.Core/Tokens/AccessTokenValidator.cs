using Mandate.Core.Configuration;
using Mandate.Core.Keys;
using Mandate.Protocol.Jose;
using Microsoft.Extensions.Options;

namespace Mandate.Core.Tokens;

/// <summary>
/// Verifies Mandate's own access tokens: a known kid, the key's own algorithm (so alg:none and HMAC-with-public-key
/// are refused), typ at+jwt, our issuer, and the time window. Returns null for every failure; callers say invalid_token.
/// </summary>
public sealed class AccessTokenValidator(KeyRing keys, IOptions<MandateOptions> options, TimeProvider time)
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public AccessTokenClaims? Validate(string? token)
    {
        var parts = CompactJws.TryParse(token);
        if (parts is null || !string.Equals(parts.Type, AccessTokenIssuer.TokenType, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var key = keys.FindVerificationKey(parts.KeyId);
        if (key is null || !parts.VerifyWith(key))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var jti = parts.GetClaim("jti");
        var sub = parts.GetClaim("sub");
        var clientId = parts.GetClaim("client_id");
        var aud = parts.GetClaim("aud");
        var iat = parts.GetNumericClaim("iat");
        var exp = parts.GetNumericClaim("exp");
        if (parts.GetClaim("iss") != options.Value.Issuer || jti is null || sub is null || clientId is null || aud is null || iat is null || exp is null)
        {
            return null;
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(exp.Value);
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(iat.Value);
        if (expiresAt + ClockSkew <= now || issuedAt - ClockSkew > now)
        {
            return null;
        }

        if (!TryReadConfirmation(parts, out var jkt))
        {
            return null;
        }

        Actor? actor = null;
        if (parts.Payload.TryGetProperty("act", out var act) && (actor = Actor.Read(act)) is null)
        {
            return null;
        }

        Mandates.TaskMandate? mandate = null;
        if (parts.Payload.TryGetProperty(Mandates.MandateJson.ClaimName, out var details) && (mandate = Mandates.MandateJson.FromTrusted(details)) is null)
        {
            return null;
        }

        Mandates.MandateGrantChain? grants = null;
        if (mandate is not null && parts.Payload.TryGetProperty(Mandates.MandateGrantChain.ClaimName, out var chain) && (grants = Mandates.MandateGrantChain.Read(chain)) is null)
        {
            return null;
        }

        return new AccessTokenClaims(jti, sub, clientId, aud, parts.GetClaim("scope"), issuedAt, expiresAt)
        {
            Mandate = mandate,
            MandateGrants = grants,
            Actor = actor,
            MayAct = MayAct.Read(parts.Payload),
            DpopJkt = jkt,
        };
    }

    /// <summary>cnf.jkt when the token has a cnf claim; a cnf without a string jkt is not one Mandate wrote, so it fails.</summary>
    private static bool TryReadConfirmation(JwsParts parts, out string? jkt)
    {
        jkt = null;
        if (!parts.Payload.TryGetProperty("cnf", out var cnf))
        {
            return true;
        }

        if (cnf.ValueKind != System.Text.Json.JsonValueKind.Object || !cnf.TryGetProperty("jkt", out var value) || value.ValueKind != System.Text.Json.JsonValueKind.String)
        {
            return false;
        }

        jkt = value.GetString();
        return JwkThumbprint.IsWellFormed(jkt);
    }
}
