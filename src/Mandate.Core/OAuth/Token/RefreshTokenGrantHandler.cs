using Mandate.Core.Clients;
using Mandate.Core.Tokens;
using Mandate.Protocol.OAuth;
using Mandate.Protocol.Resources;

namespace Mandate.Core.OAuth.Token;

/// <summary>The refresh_token grant with rotation; a narrower scope may be asked for, never a wider one.</summary>
public sealed class RefreshTokenGrantHandler(RefreshTokenService refreshTokens, IRefreshTokenStore store, AccessTokenIssuer accessTokens)
{
    public Task<TokenResult> HandleAsync(OAuthClient client, OAuthParameters parameters, CancellationToken cancellationToken) =>
        HandleAsync(client, parameters, dpopJkt: null, cancellationToken);

    /// <summary>
    /// The grant with the thumbprint of the request's valid DPoP proof (null: none). A refresh token bound to a key needs a
    /// proof of that key; a public client's unbound token gets bound by its first proof; the access token is bound to
    /// the proof's key (a confidential client may so move to another key, RFC 9449 section 5).
    /// </summary>
    public async Task<TokenResult> HandleAsync(OAuthClient client, OAuthParameters parameters, string? dpopJkt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(parameters);
        var token = parameters["refresh_token"];
        if (token is null)
        {
            return TokenResult.Fail(OAuthError.InvalidRequest("refresh_token is required."));
        }

        if (parameters.IsRepeated("resource"))
        {
            return TokenResult.Fail(new OAuthError(OAuthErrorCodes.InvalidTarget, "Request one resource at a time."));
        }

        // Check what can be checked before consuming the token, so a malformed request does not burn it.
        if (!ScopeParser.TryParse(parameters["scope"], out _))
        {
            return TokenResult.Fail(OAuthError.InvalidScope("scope is malformed."));
        }

        // Resource and scope too, against the live token's grant: a refused request must not burn the token (the client
        // would lose it, and its next try would look like reuse and revoke the family).
        var presented = await store.FindAsync(TokenHashing.Hash(token), cancellationToken);
        if (presented is { ConsumedAt: null, RevokedAt: null } && presented.ClientId == client.ClientId && Refusal(presented, parameters) is { } refused)
        {
            return TokenResult.Fail(refused);
        }

        // Without the bound key the caller is not the client: refuse before the token is redeemed or counted as reused.
        if (presented is not null && presented.ClientId == client.ClientId && DpopBinding.Check(presented.DpopJkt, dpopJkt, "refresh token") is { } unbound)
        {
            return TokenResult.Fail(unbound);
        }

        var redemption = await refreshTokens.RedeemAsync(token, client.ClientId, client.IsPublic ? dpopJkt : null, cancellationToken);
        if (redemption.Outcome != RefreshTokenOutcome.Redeemed || redemption.Grant is not { } grant)
        {
            return TokenResult.Fail(OAuthError.InvalidGrant("The refresh token is invalid, expired or revoked."));
        }

        if (Refusal(grant, parameters) is { } refusal)
        {
            return TokenResult.Fail(refusal);
        }

        var scopes = ScopeRules.Narrow(parameters["scope"], grant.Scopes);

        var access = accessTokens.Issue(new AccessTokenRequest
        {
            Subject = grant.Subject,
            ClientId = client.ClientId,
            Resource = grant.Resource,
            Scopes = scopes.Scopes,
            AuthTime = grant.AuthTime,
            MayAct = Exchange.DelegationPolicy.MayActFor(client),
            DpopJkt = dpopJkt,
            Mandate = grant.Mandate,
            MandateGrants = grant.Mandate is null ? null : new Mandates.MandateGrantChain([], grant.FamilyId),
            NotAfter = grant.Mandate?.ExpiresAt,
        });
        return TokenResult.Ok(new TokenResponse(access.Token, access.ExpiresIn, redemption.NewToken, ScopeParser.Join(scopes.Scopes), TokenResponse.TypeFor(dpopJkt))
        {
            Mandate = grant.Mandate,
            TokenId = access.TokenId,
            Subject = grant.Subject,
            Resource = grant.Resource,
        });
    }

    private static OAuthError? Refusal(RefreshTokenRecord grant, OAuthParameters parameters) =>
        parameters["resource"] is { } resource && !ResourceIndicator.AreEquivalent(resource, grant.Resource)
            ? new OAuthError(OAuthErrorCodes.InvalidTarget, "resource differs from the one authorized.")
            : ScopeRules.Narrow(parameters["scope"], grant.Scopes).Error ?? MandateRefusal(grant, parameters["authorization_details"]);

    /// <summary>
    /// RFC 9396 §6 lets a refresh ask for a subset of the granted details; Mandate accepts the same mandate or none
    /// (which keeps it): a narrower mandate is what token exchange is for.
    /// </summary>
    private static OAuthError? MandateRefusal(RefreshTokenRecord grant, string? requested)
    {
        if (requested is null)
        {
            return null;
        }

        var parsed = Mandates.MandateParser.Parse(requested);
        if (parsed.Mandate is not { } mandate)
        {
            return OAuthError.InvalidAuthorizationDetails(parsed.Error);
        }

        return grant.Mandate is { } held && Mandates.MandateJson.ToJson(held) == Mandates.MandateJson.ToJson(mandate)
            ? null
            : OAuthError.InvalidAuthorizationDetails("A refresh may only repeat the granted authorization_details; use token exchange to narrow them.");
    }
}
