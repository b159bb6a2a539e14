using Mandate.Core.Audit;
using Mandate.Core.Clients;
using Mandate.Core.Tokens;

namespace Mandate.Core.OAuth.Revocation;

/// <summary>
/// RFC 7009. A client can revoke only its own tokens; revoking a refresh token revokes its whole family, and
/// revoking an access token revokes every token exchanged from it (RFC 8693), whoever holds them. The answer
/// is the same whether or not the token was valid, so the endpoint reveals nothing. A revocation that took effect is a
/// "token.revoked" event (the access token's jti, or the refresh token family); one that found nothing is not recorded.
/// </summary>
public sealed class RevocationService(AccessTokenValidator validator, AccessTokenRevoker revoker, IRefreshTokenStore refreshTokens, IAuditSink audit, TimeProvider time)
{
    public const string RevokedKind = "token.revoked";

    public async Task RevokeAsync(OAuthClient caller, string token, string? hint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(token);
        // The hint may not narrow the search: a token of the other type must still be found (RFC 7009 section 2.1).
        // Access tokens are checked first whatever the hint; a refresh token is never a valid JWT.
        if (validator.Validate(token) is { } claims)
        {
            if (claims.ClientId == caller.ClientId)
            {
                await revoker.RevokeAsync(claims.TokenId, claims.ExpiresAt, cancellationToken);
                await RecordAsync(caller, claims.Subject, claims.TokenId, claims.Audience, "access token and every token exchanged from it", cancellationToken);
            }

            return;
        }

        if (token.Length > 256)
        {
            return;
        }

        var record = await refreshTokens.FindAsync(TokenHashing.Hash(token), cancellationToken);
        if (record is not null && record.ClientId == caller.ClientId)
        {
            await refreshTokens.RevokeFamilyAsync(record.FamilyId, time.GetUtcNow(), cancellationToken);
            await RecordAsync(caller, record.Subject, null, record.Resource, "refresh token family", cancellationToken);
        }
    }

    private ValueTask<long> RecordAsync(OAuthClient caller, string subject, string? tokenId, string? resource, string what, CancellationToken cancellationToken) =>
        audit.RecordAsync(new AuditEvent
        {
            Timestamp = time.GetUtcNow(),
            Kind = RevokedKind,
            Decision = "allow",
            Reason = $"revoked by the client (RFC 7009): {what}",
            Subject = subject,
            ClientId = caller.ClientId,
            TokenId = tokenId,
            Resource = resource,
        }, cancellationToken);
}
