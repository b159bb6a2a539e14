using Mandate.Core.Approvals;
using Mandate.Core.Clients;
using Mandate.Core.Mandates;
using Mandate.Core.OAuth.Exchange;
using Mandate.Core.OAuth.Token;
using Mandate.Core.Tokens;
using Mandate.Protocol.OAuth;

namespace Mandate.Core.OAuth.Ciba;

/// <summary>
/// The urn:openid:params:grant-type:ciba grant (CIBA section 10.1): authorization_pending while the person has not
/// decided, slow_down when asked sooner than the interval, access_denied, expired_token, and tokens exactly once.
/// The auth_req_id is bound to the client that started the request.
/// </summary>
public sealed class CibaGrantHandler(
    ICibaRequestStore cibaRequests,
    ApprovalService approvals,
    AccessTokenIssuer accessTokens,
    RefreshTokenService refreshTokens,
    CibaAudit audit,
    TimeProvider time)
{
    private const int MaxAuthReqIdLength = 256;

    public async Task<TokenResult> HandleAsync(OAuthClient client, OAuthParameters parameters, string? dpopJkt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.IsRepeated("auth_req_id"))
        {
            return TokenResult.Fail(OAuthError.InvalidRequest("auth_req_id is repeated."));
        }

        if (parameters["auth_req_id"] is not { Length: <= MaxAuthReqIdLength } authReqId)
        {
            return TokenResult.Fail(OAuthError.InvalidRequest("auth_req_id is required."));
        }

        var ciba = await cibaRequests.FindByAuthReqIdHashAsync(TokenHashing.Hash(authReqId), cancellationToken);
        if (ciba is null || ciba.ClientId != client.ClientId)
        {
            return await RefuseAsync(client, null, OAuthError.InvalidGrant("auth_req_id is invalid or was issued to another client."), cancellationToken);
        }

        var approval = await approvals.FindAsync(ciba.ApprovalId, cancellationToken);
        if (approval is null)
        {
            return await RefuseAsync(client, ciba, OAuthError.InvalidGrant("auth_req_id is invalid."), cancellationToken);
        }

        var now = time.GetUtcNow();
        if (approval.ExpiresAt <= now && approval.Status is ApprovalStatus.Pending or ApprovalStatus.Approved or ApprovalStatus.Expired)
        {
            return await RefuseAsync(client, ciba, OAuthError.ExpiredToken("The auth_req_id has expired; start a new request."), cancellationToken, approval.Subject);
        }

        switch (approval.Status)
        {
            case ApprovalStatus.Pending:
                return await cibaRequests.RecordPollAsync(ciba.ApprovalId, now, cancellationToken) == CibaPollOutcome.TooSoon
                    ? TokenResult.Fail(OAuthError.SlowDown("Polled sooner than the interval; the interval is now 5 seconds longer."))
                    : TokenResult.Fail(OAuthError.AuthorizationPending("The person has not decided yet."));
            case ApprovalStatus.Denied:
                return await RefuseAsync(client, ciba, OAuthError.AccessDenied("The person denied the request."), cancellationToken, approval.Subject);
            case ApprovalStatus.Consumed:
                return await RefuseAsync(client, ciba, OAuthError.InvalidGrant("The auth_req_id was already used."), cancellationToken, approval.Subject);
            case ApprovalStatus.Approved:
                return await IssueAsync(client, ciba, approval, dpopJkt, cancellationToken);
            default:
                return await RefuseAsync(client, ciba, OAuthError.ExpiredToken("The auth_req_id has expired; start a new request."), cancellationToken, approval.Subject);
        }
    }

    private async Task<TokenResult> IssueAsync(OAuthClient client, CibaRequest ciba, ApprovalRequest approval, string? dpopJkt, CancellationToken cancellationToken)
    {
        var mandate = MandateJson.FromTrusted(approval.AuthorizationDetails);
        if (mandate is not null && mandate.ExpiresAt <= time.GetUtcNow())
        {
            return await RefuseAsync(client, ciba, OAuthError.InvalidGrant("The mandate has expired."), cancellationToken, approval.Subject);
        }

        if (!await approvals.ConsumeAsync(approval.Id, cancellationToken))
        {
            return await RefuseAsync(client, ciba, OAuthError.InvalidGrant("The auth_req_id was already used."), cancellationToken, approval.Subject);
        }

        IReadOnlyList<string> scopes = ScopeParser.TryParse(approval.Scope, out var parsed) ? parsed : [];
        // The refresh family id is the grant id a mandate's call counts are kept under (refreshes share them).
        var familyId = Security.RandomTokens.Create(16);
        var access = accessTokens.Issue(new AccessTokenRequest
        {
            Subject = approval.Subject,
            ClientId = client.ClientId,
            Resource = ciba.Resource,
            Scopes = scopes,
            AuthTime = approval.DecidedAt,
            MayAct = DelegationPolicy.MayActFor(client),
            DpopJkt = dpopJkt,
            Mandate = mandate,
            MandateGrants = mandate is null ? null : new Mandates.MandateGrantChain([], familyId),
            NotAfter = mandate?.ExpiresAt,
        });
        string? refreshToken = null;
        if (client.AllowsGrant(GrantTypes.RefreshToken))
        {
            refreshToken = await refreshTokens.IssueAsync(new RefreshTokenRecord
            {
                TokenHash = string.Empty,
                FamilyId = familyId,
                ClientId = client.ClientId,
                Subject = approval.Subject,
                Resource = ciba.Resource,
                Scopes = scopes,
                AuthTime = approval.DecidedAt,
                Mandate = mandate,
            }, cancellationToken);
        }

        await audit.RecordAsync(CibaAudit.TokenKind, "allow", $"approval {approval.Id} redeemed", client.ClientId, approval.Subject, ciba.Resource, access.TokenId, cancellationToken);
        return TokenResult.Ok(new TokenResponse(access.Token, access.ExpiresIn, refreshToken, ScopeParser.Join(scopes), TokenResponse.TypeFor(dpopJkt))
        {
            Mandate = mandate,
            TokenId = access.TokenId,
            Subject = approval.Subject,
            Resource = ciba.Resource,
        });
    }

    private async Task<TokenResult> RefuseAsync(OAuthClient client, CibaRequest? ciba, OAuthError error, CancellationToken cancellationToken, string? subject = null)
    {
        var reason = ciba is null ? $"{error.Error}: unknown auth_req_id" : $"{error.Error}: approval {ciba.ApprovalId}";
        await audit.RecordAsync(CibaAudit.TokenKind, "deny", reason, client.ClientId, subject, ciba?.Resource, null, cancellationToken);
        return TokenResult.Fail(error);
    }
}
