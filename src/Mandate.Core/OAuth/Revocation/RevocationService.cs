using Mandate.Core.Clients;
using Mandate.Core.Tokens;

namespace Mandate.Core.OAuth.Revocation;

/// <summary>
/// RFC 7009. A client can revoke only its own tokens; revoking a refresh token revokes its whole family, and
/// revoking an access token revokes every token exchanged from it (RFC 8693), whoever holds them. The answer
/// is the same whether or not the token was valid, so the endpoint reveals nothing.
/// </summary>
public sealed class RevocationService(AccessTokenValidator validator, AccessTokenRevoker revoker, IRefreshTokenStore refreshTokens, TimeProvider time)
{
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
        }
    }
}
