using Mandate.Core.Clients;
using Mandate.Core.Configuration;
using Mandate.Core.Tokens;
using Mandate.Protocol.OAuth;
using Microsoft.Extensions.Options;

namespace Mandate.Core.OAuth.Introspection;

/// <summary>
/// RFC 7662 introspection. Access tokens are verified like a resource server would, plus the early-revocation list;
/// refresh tokens are only ever described to the client they were issued to.
/// </summary>
public sealed class IntrospectionService(
    AccessTokenValidator validator,
    IRevokedAccessTokenStore revoked,
    IRefreshTokenStore refreshTokens,
    IOptions<MandateOptions> options,
    TimeProvider time)
{
    public async Task<IntrospectionResult> IntrospectAsync(OAuthClient caller, string token, string? hint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(token);
        // The hint may not narrow the search: a token of the other type must still be found (RFC 7662 section 2.1).
        // Access tokens are checked first whatever the hint; a refresh token is never a valid JWT.
        if (validator.Validate(token) is { } claims)
        {
            if (await revoked.IsRevokedAsync(claims.TokenId, cancellationToken))
            {
                return IntrospectionResult.Inactive;
            }

            return new IntrospectionResult
            {
                Active = true,
                Scope = claims.Scope,
                ClientId = claims.ClientId,
                Subject = claims.Subject,
                Audience = claims.Audience,
                Issuer = options.Value.Issuer,
                TokenId = claims.TokenId,
                TokenType = claims.IsDpopBound ? Protocol.Dpop.DpopConstants.TokenType : "Bearer",
                IssuedAt = claims.IssuedAt,
                ExpiresAt = claims.ExpiresAt,
                Actor = claims.Actor,
                MayAct = claims.MayAct,
                DpopJkt = claims.DpopJkt,
                Mandate = claims.Mandate,
            };
        }

        if (token.Length > 256)
        {
            return IntrospectionResult.Inactive;
        }

        var record = await refreshTokens.FindAsync(TokenHashing.Hash(token), cancellationToken);
        if (record is null || record.ClientId != caller.ClientId || record.ConsumedAt is not null || record.RevokedAt is not null || record.ExpiresAt <= time.GetUtcNow())
        {
            return IntrospectionResult.Inactive;
        }

        return new IntrospectionResult
        {
            Active = true,
            Scope = ScopeParser.Join(record.Scopes),
            ClientId = record.ClientId,
            Subject = record.Subject,
            Audience = record.Resource,
            Issuer = options.Value.Issuer,
            TokenType = "refresh_token",
            Mandate = record.Mandate,
            IssuedAt = record.IssuedAt,
            ExpiresAt = record.ExpiresAt,
        };
    }
}
