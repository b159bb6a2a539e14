using Mandate.Core.Configuration;
using Mandate.Core.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mandate.Core.Tokens;

/// <summary>
/// Rotating refresh tokens (OAuth 2.1 section 4.3.1, RFC 9700 section 4.14.2). Each redemption consumes the token and
/// issues a child. Presenting a consumed token revokes the whole family, except once within a short grace period for
/// the token just rotated away whose child has not been used yet: the client lost the response, so the unused child
/// is revoked and a fresh one issued.
/// </summary>
public sealed partial class RefreshTokenService(IRefreshTokenStore store, IOptions<MandateOptions> options, TimeProvider time, ILogger<RefreshTokenService> logger)
{
    private static readonly TimeSpan ConcurrentWindow = TimeSpan.FromSeconds(5);

    public async Task<string> IssueAsync(RefreshTokenRecord template, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(template);
        var token = RandomTokens.Create(32);
        var now = time.GetUtcNow();
        var expiresAt = template.ExpiresAt == default ? now + options.Value.Tokens.RefreshTokenLifetime : template.ExpiresAt;
        var record = template with
        {
            TokenHash = TokenHashing.Hash(token),
            IssuedAt = now,

            // A grant with a mandate ends with it: no refresh token outlives the mandate it carries.
            ExpiresAt = template.Mandate is { } mandate && mandate.ExpiresAt < expiresAt ? mandate.ExpiresAt : expiresAt,
            ConsumedAt = null,
            RevokedAt = null,
        };
        await store.AddAsync(record, cancellationToken);
        return token;
    }

    public Task<RefreshTokenRedemption> RedeemAsync(string token, string clientId, CancellationToken cancellationToken) =>
        RedeemAsync(token, clientId, bindDpopJkt: null, cancellationToken);

    /// <summary>Redeems the token; an unbound token's replacement gets bound to <paramref name="bindDpopJkt"/> when given.</summary>
    public async Task<RefreshTokenRedemption> RedeemAsync(string token, string clientId, string? bindDpopJkt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var hash = TokenHashing.Hash(token);
        var record = await store.FindAsync(hash, cancellationToken);
        var now = time.GetUtcNow();
        if (record is null || record.ClientId != clientId || record.RevokedAt is not null || record.ExpiresAt <= now)
        {
            return new RefreshTokenRedemption(RefreshTokenOutcome.Invalid);
        }

        if (record.ConsumedAt is null && await store.TryConsumeAsync(hash, now, cancellationToken))
        {
            return await RotateAsync(record, hash, bindDpopJkt, cancellationToken);
        }

        // Consumed already: a retry within the grace period, or reuse.
        var current = await store.FindAsync(hash, cancellationToken) ?? record;
        var child = await store.FindChildAsync(hash, cancellationToken);
        var withinGrace = current.ConsumedAt is { } consumedAt && now - consumedAt <= options.Value.Tokens.RefreshReuseGrace;
        if (withinGrace && current.RevokedAt is null && child is { ConsumedAt: null, RevokedAt: null }
            && await store.RevokeAsync(child.TokenHash, now, cancellationToken))
        {
            LogGraceRetry(logger, record.FamilyId, clientId);

            // The replacement descends from the revoked child, so this token has no live child left: the grace is used once.
            return await RotateAsync(record, child.TokenHash, bindDpopJkt, cancellationToken);
        }

        // Consumed a moment ago with no replacement stored yet: a concurrent request with the same token is still being
        // answered. Refuse this one without treating it as reuse, or a client's parallel refreshes would revoke it all.
        if (child is null && current.ConsumedAt is { } justConsumed && now - justConsumed <= ConcurrentWindow
            && !await store.HasChildAsync(hash, cancellationToken))
        {
            return new RefreshTokenRedemption(RefreshTokenOutcome.Invalid);
        }

        var revoked = await store.RevokeFamilyAsync(record.FamilyId, now, cancellationToken);
        LogReuseDetected(logger, record.FamilyId, clientId, revoked);
        return new RefreshTokenRedemption(RefreshTokenOutcome.ReuseDetected, record);
    }

    private async Task<RefreshTokenRedemption> RotateAsync(RefreshTokenRecord parent, string parentHash, string? bindDpopJkt, CancellationToken cancellationToken)
    {
        var child = await IssueAsync(parent with { ParentHash = parentHash, ExpiresAt = default, DpopJkt = parent.DpopJkt ?? bindDpopJkt }, cancellationToken);
        return new RefreshTokenRedemption(RefreshTokenOutcome.Redeemed, parent, child);
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Refresh token reuse detected for family {FamilyId} of client {ClientId}: revoked {Count} tokens")]
    private static partial void LogReuseDetected(ILogger logger, string familyId, string clientId, int count);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Refresh token retried within the grace period for family {FamilyId} of client {ClientId}")]
    private static partial void LogGraceRetry(ILogger logger, string familyId, string clientId);
}
