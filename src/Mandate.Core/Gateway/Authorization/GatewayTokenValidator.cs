using System.Diagnostics.Metrics;
using Mandate.Core.Configuration;
using Mandate.Core.Tokens;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mandate.Core.Gateway.Authorization;

/// <summary>
/// The gateway's inbound token check: a Mandate access token (signature, typ, issuer, time), for this upstream's
/// resource URI, not revoked. Verified tokens are remembered until they expire (<see cref="ValidatedTokenCache"/>), so
/// repeated calls do no signature work; "not revoked" is believed for <see cref="GatewayOptions.RevocationCheckInterval"/>.
/// Returns null for every failure: callers answer invalid_token and never say why.
/// </summary>
public sealed class GatewayTokenValidator
{
    public const string MeterName = "Mandate.Gateway";
    public const string ValidationsInstrument = "mandate.gateway.token_validations";

    private readonly AccessTokenValidator validator;
    private readonly IRevokedAccessTokenStore revoked;
    private readonly IOptions<MandateOptions> options;
    private readonly TimeProvider time;
    private readonly ILogger<GatewayTokenValidator> logger;
    private readonly ValidatedTokenCache cache;
    private readonly Counter<long> validations;

    public GatewayTokenValidator(
        AccessTokenValidator validator,
        IRevokedAccessTokenStore revoked,
        IOptions<MandateOptions> options,
        TimeProvider time,
        IMeterFactory meters,
        ILogger<GatewayTokenValidator> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(meters);
        this.validator = validator;
        this.revoked = revoked;
        this.options = options;
        this.time = time;
        this.logger = logger;
        cache = new ValidatedTokenCache(options.Value.Gateway.TokenCacheSize);
        validations = meters.Create(MeterName).CreateCounter<long>(ValidationsInstrument, description: "Gateway token checks by outcome: cached (no signature work), verified, rejected.");
    }

    public async ValueTask<GatewayToken?> ValidateAsync(string? token, string resourceUri, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 16 * 1024)
        {
            return Refuse("malformed");
        }

        var now = time.GetUtcNow();
        var key = TokenDigest.Of(token);
        var entry = cache.Find(key, now);
        if (entry is null)
        {
            var claims = validator.Validate(token);
            if (claims is null)
            {
                return Refuse("signature, type, issuer or lifetime");
            }

            _ = Protocol.OAuth.ScopeParser.TryParse(claims.Scope, out var scopes);
            entry = cache.Add(key, new GatewayToken(claims, scopes), now);
            validations.Add(1, new KeyValuePair<string, object?>("outcome", "verified"));
        }
        else
        {
            validations.Add(1, new KeyValuePair<string, object?>("outcome", "cached"));
        }

        if (!string.Equals(entry.Token.Claims.Audience, resourceUri, StringComparison.Ordinal))
        {
            return Refuse("audience");
        }

        return await IsRevokedAsync(entry, now, cancellationToken) ? Refuse("revoked") : entry.Token;
    }

    private async ValueTask<bool> IsRevokedAsync(CachedToken entry, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (entry.Revoked)
        {
            return true;
        }

        if (now - entry.RevocationCheckedAt < options.Value.Gateway.RevocationCheckInterval)
        {
            return false;
        }

        if (await revoked.IsRevokedAsync(entry.Token.Claims.TokenId, cancellationToken))
        {
            entry.Revoked = true;
            return true;
        }

        entry.RevocationCheckedAt = now;
        return false;
    }

    private GatewayToken? Refuse(string reason)
    {
        validations.Add(1, new KeyValuePair<string, object?>("outcome", "rejected"));
        AuthorizationLog.TokenRefused(logger, reason);
        return null;
    }
}
