using Mandate.Core.Clients;
using Mandate.Core.Codes;
using Mandate.Core.OAuth.Exchange;
using Mandate.Core.Tokens;
using Mandate.Protocol.OAuth;
using Mandate.Protocol.Pkce;
using Mandate.Protocol.Resources;
using Microsoft.Extensions.Logging;

namespace Mandate.Core.OAuth.Token;

/// <summary>
/// The authorization_code grant: single-use code bound to client, redirect URI and PKCE verifier (S256). A replayed
/// code revokes the tokens its first redemption issued (RFC 6749 section 4.1.2, RFC 9700 section 4.5).
/// </summary>
public sealed partial class AuthorizationCodeGrantHandler(
    IAuthorizationCodeStore codes,
    AccessTokenIssuer accessTokens,
    RefreshTokenService refreshTokens,
    IRefreshTokenStore refreshStore,
    AccessTokenRevoker revoker,
    TimeProvider time,
    ILogger<AuthorizationCodeGrantHandler> logger)
{
    public Task<TokenResult> HandleAsync(OAuthClient client, OAuthParameters parameters, CancellationToken cancellationToken) =>
        HandleAsync(client, parameters, dpopJkt: null, cancellationToken);

    /// <summary>
    /// The grant with the thumbprint of the request's valid DPoP proof (null: none). The access token is bound to it, and
    /// so is the refresh token of a public client (RFC 9449 section 5); a code issued for a dpop_jkt needs that key.
    /// </summary>
    public async Task<TokenResult> HandleAsync(OAuthClient client, OAuthParameters parameters, string? dpopJkt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(parameters);
        var code = parameters["code"];
        var verifier = parameters["code_verifier"];
        if (code is null)
        {
            return TokenResult.Fail(OAuthError.InvalidRequest("code is required."));
        }

        if (verifier is null || !Pkce.IsValidVerifier(verifier))
        {
            return TokenResult.Fail(OAuthError.InvalidRequest("A valid code_verifier is required (PKCE)."));
        }

        var redemption = await codes.RedeemAsync(code, cancellationToken);
        if (redemption.Outcome == CodeRedemptionOutcome.Replayed)
        {
            await RevokeIssuedAsync(redemption, cancellationToken);
            return TokenResult.Fail(OAuthError.InvalidGrant("The authorization code was already used."));
        }

        if (redemption.Grant is not { } grant)
        {
            return TokenResult.Fail(OAuthError.InvalidGrant("The authorization code is invalid or expired."));
        }

        var mismatch = Check(grant, client, parameters, verifier) ?? DpopBinding.Check(grant.DpopJkt, dpopJkt, "authorization code")
            ?? (grant.Mandate is { } held && held.ExpiresAt <= time.GetUtcNow() ? OAuthError.InvalidGrant("The mandate has expired.") : null);
        if (mismatch is not null)
        {
            return TokenResult.Fail(mismatch);
        }

        // The grant id of a mandate is the refresh family's id: every refresh of this authorization counts against it.
        var familyId = client.AllowsGrant(GrantTypes.RefreshToken) ? Security.RandomTokens.Create(16) : null;
        var access = accessTokens.Issue(new AccessTokenRequest
        {
            Subject = grant.Subject,
            ClientId = client.ClientId,
            Resource = grant.Resource,
            Scopes = grant.Scopes,
            AuthTime = grant.AuthTime,
            MayAct = DelegationPolicy.MayActFor(client),
            DpopJkt = dpopJkt,
            Mandate = grant.Mandate,
            MandateGrants = grant.Mandate is null ? null : new Mandates.MandateGrantChain([], familyId ?? Security.RandomTokens.Create(16)),
            NotAfter = grant.Mandate?.ExpiresAt,
        });
        string? refreshToken = null;
        if (familyId is not null)
        {
            refreshToken = await refreshTokens.IssueAsync(new RefreshTokenRecord
            {
                TokenHash = string.Empty,
                FamilyId = familyId,
                ClientId = client.ClientId,
                Subject = grant.Subject,
                Resource = grant.Resource,
                Scopes = grant.Scopes,
                AuthTime = grant.AuthTime,
                DpopJkt = client.IsPublic ? dpopJkt : null,
                Mandate = grant.Mandate,
            }, cancellationToken);
        }

        var issued = new IssuedFromCode(access.TokenId, access.ExpiresAt, familyId);
        if (await codes.RecordIssuedAsync(code, issued, cancellationToken))
        {
            await RevokeIssuedAsync(new CodeRedemption(CodeRedemptionOutcome.Replayed, grant, issued), cancellationToken);
            return TokenResult.Fail(OAuthError.InvalidGrant("The authorization code was already used."));
        }
        return TokenResult.Ok(new TokenResponse(access.Token, access.ExpiresIn, refreshToken, ScopeParser.Join(grant.Scopes), TokenResponse.TypeFor(dpopJkt))
        {
            Mandate = grant.Mandate,
            TokenId = access.TokenId,
            Subject = grant.Subject,
            Resource = grant.Resource,
        });
    }

    private static OAuthError? Check(AuthorizationCodeGrant grant, OAuthClient client, OAuthParameters parameters, string verifier)
    {
        if (grant.ClientId != client.ClientId)
        {
            return OAuthError.InvalidGrant("The authorization code was issued to another client.");
        }

        var redirectUri = parameters["redirect_uri"];
        if ((grant.RedirectUriSent || redirectUri is not null) && !string.Equals(redirectUri, grant.RedirectUri, StringComparison.Ordinal))
        {
            return OAuthError.InvalidGrant("redirect_uri does not match the authorization request.");
        }

        if (!Pkce.VerifyS256(verifier, grant.CodeChallenge))
        {
            return OAuthError.InvalidGrant("code_verifier does not match the code_challenge.");
        }

        if (parameters.IsRepeated("resource"))
        {
            return new OAuthError(OAuthErrorCodes.InvalidTarget, "Request one resource at a time.");
        }

        if (parameters["resource"] is { } resource && !ResourceIndicator.AreEquivalent(resource, grant.Resource))
        {
            return new OAuthError(OAuthErrorCodes.InvalidTarget, "resource differs from the one authorized.");
        }

        return null;
    }

    private async Task RevokeIssuedAsync(CodeRedemption redemption, CancellationToken cancellationToken)
    {
        if (redemption.IssuedTokens is not { } issued)
        {
            return;
        }

        await revoker.RevokeAsync(issued.AccessTokenId, issued.AccessTokenExpiresAt, cancellationToken);
        if (issued.RefreshFamilyId is not null)
        {
            await refreshStore.RevokeFamilyAsync(issued.RefreshFamilyId, time.GetUtcNow(), cancellationToken);
        }

        LogCodeReplay(logger, redemption.Grant?.ClientId ?? "unknown");
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Authorization code replayed for client {ClientId}: the tokens it issued were revoked")]
    private static partial void LogCodeReplay(ILogger logger, string clientId);
}
