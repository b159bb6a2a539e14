using Mandate.Core.Audit;
using Mandate.Core.Clients;
using Mandate.Core.Configuration;
using Mandate.Core.OAuth.Token;
using Mandate.Core.Tokens;
using Mandate.Protocol.OAuth;
using Mandate.Protocol.Resources;
using Microsoft.Extensions.Options;

namespace Mandate.Core.OAuth.Exchange;

/// <summary>
/// RFC 8693 token exchange, narrowing only: the new token is for the same person (sub) and the same resource, with a
/// subset of the subject token's scopes, expiring no later than it, held by the authenticated client, and naming
/// every actor in its act chain. Anything wider is refused, never trimmed. Sender constraint is kept: a request with a
/// DPoP proof gets a token bound to the actor's key, and a DPoP-bound subject token can only be exchanged that way.
/// A mandate (authorization_details) is carried unchanged, or narrowed to a subset (<see cref="MandateNarrowing"/>).
/// Every decision is audited.
/// </summary>
public sealed class TokenExchangeGrantHandler(
    AccessTokenValidator validator,
    IRevokedAccessTokenStore revoked,
    ExchangeActorResolver actors,
    DelegationPolicy policy,
    AccessTokenIssuer issuer,
    IDelegationStore delegations,
    AccessTokenRevoker revoker,
    MandateNarrowing mandates,
    IAuditSink audit,
    IOptions<MandateOptions> options,
    TimeProvider time)
{
    /// <summary>Where the server maps the token endpoint, relative to the issuer (an audience for assertions).</summary>
    public const string TokenEndpointPath = "/token";

    /// <param name="dpopJkt">The thumbprint of the key of the request's verified DPoP proof, or null.</param>
    public async Task<TokenResult> HandleAsync(OAuthClient client, OAuthParameters parameters, string? dpopJkt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(parameters);
        if (client.IsPublic)
        {
            return await RefuseAsync(client, null, null, OAuthError.UnauthorizedClient("Token exchange needs an authenticated (confidential) client."), cancellationToken);
        }

        if (CheckShape(parameters) is { } malformed)
        {
            return await RefuseAsync(client, null, null, malformed, cancellationToken);
        }

        var subject = validator.Validate(parameters["subject_token"]);
        if (subject is null || await revoked.IsRevokedAsync(subject.TokenId, cancellationToken))
        {
            return await RefuseAsync(client, null, null, OAuthError.InvalidRequest("subject_token is invalid, expired or revoked."), cancellationToken);
        }

        if (subject.IsDpopBound && dpopJkt is null)
        {
            return await RefuseAsync(client, subject, null, OAuthError.InvalidRequest("The subject token is DPoP-bound: exchange it with a DPoP proof of the new holder's key."), cancellationToken);
        }

        var resolved = await actors.ResolveAsync(client, parameters, cancellationToken);
        if (resolved.Error is { } actorError)
        {
            return await RefuseAsync(client, subject, null, actorError, cancellationToken);
        }

        var actor = resolved.ToActor(client.ClientId, PriorActor(subject));
        var refusal = await CheckNarrowingAsync(subject, actor, client, parameters, cancellationToken);
        if (refusal.Error is { } error)
        {
            return await RefuseAsync(client, subject, actor, error, cancellationToken);
        }

        return await IssueAsync(client, subject, actor, refusal.Scopes!, refusal.Mandate, dpopJkt, cancellationToken);
    }

    /// <summary>
    /// The chain before this hop: the subject token's own act chain; or, for a token a client got for a person
    /// directly, that client, so the first hop is visible too.
    /// </summary>
    private static Actor? PriorActor(AccessTokenClaims subject) =>
        subject.Actor ?? (subject.Subject == subject.ClientId ? null : new Actor(subject.ClientId, subject.ClientId));

    private static OAuthError? CheckShape(OAuthParameters parameters)
    {
        if (parameters.FirstRepeated("subject_token", "subject_token_type", "actor_token", "actor_token_type", "requested_token_type", "audience", "resource") is { } repeated)
        {
            return repeated is "audience" or "resource"
                ? new OAuthError(OAuthErrorCodes.InvalidTarget, "Request one resource at a time.")
                : OAuthError.InvalidRequest($"{repeated} is repeated.");
        }

        if (parameters["subject_token"] is null || parameters["subject_token_type"] is null)
        {
            return OAuthError.InvalidRequest("subject_token and subject_token_type are required.");
        }

        if (parameters["subject_token_type"] is not (TokenTypeUris.AccessToken or TokenTypeUris.Jwt))
        {
            return OAuthError.InvalidRequest("subject_token_type must be an access token Mandate issued (access_token or jwt).");
        }

        if (parameters["requested_token_type"] is { } requested && requested != TokenTypeUris.AccessToken)
        {
            return OAuthError.InvalidRequest("Only access tokens can be requested (requested_token_type).");
        }

        return parameters.IsRepeated("authorization_details") ? OAuthError.InvalidRequest("authorization_details is repeated.") : null;
    }

    private async Task<(IReadOnlyList<string>? Scopes, Mandates.TaskMandate? Mandate, OAuthError? Error)> CheckNarrowingAsync(
        AccessTokenClaims subject, Actor actor, OAuthClient client, OAuthParameters parameters, CancellationToken cancellationToken)
    {
        if (await policy.RefusalAsync(subject, actor, cancellationToken) is { } notAllowed)
        {
            return (null, null, OAuthError.InvalidRequest(notAllowed));
        }

        if (actor.Depth > options.Value.Tokens.MaxDelegationDepth)
        {
            return (null, null, OAuthError.InvalidRequest($"The delegation chain would be longer than {options.Value.Tokens.MaxDelegationDepth} actors."));
        }

        foreach (var target in new[] { parameters["resource"], parameters["audience"] })
        {
            if (target is not null && !ResourceIndicator.AreEquivalent(target, subject.Audience))
            {
                return (null, null, new OAuthError(OAuthErrorCodes.InvalidTarget, "The resource must be the subject token's own audience."));
            }
        }

        _ = ScopeParser.TryParse(subject.Scope, out var held);
        if (!ScopeParser.TryParse(parameters["scope"], out var requested))
        {
            return (null, null, OAuthError.InvalidScope("scope is malformed."));
        }

        var scopes = requested.Count > 0 ? requested : held;
        if (ScopeNarrowing.FirstUncovered(held, scopes) is { } wider)
        {
            return (null, null, OAuthError.InvalidScope($"Scope '{wider}' is wider than the subject token's."));
        }

        if (client.Scopes.Count > 0 && ScopeNarrowing.FirstUncovered(client.Scopes, scopes) is { } notForClient)
        {
            return (null, null, OAuthError.InvalidScope($"Scope '{notForClient}' is not allowed to this client; ask for a subset."));
        }

        var mandate = mandates.Narrow(subject, parameters["authorization_details"]);
        if (mandate.Mandate is not null && subject.MandateGrants is null)
        {
            return (null, null, OAuthError.InvalidAuthorizationDetails("The subject token's mandate has no grant id (it was issued by an older version); authorize again."));
        }

        return mandate.Error is { } mandateError ? (null, null, mandateError) : (scopes, mandate.Mandate, null);
    }

    private async Task<TokenResult> IssueAsync(
        OAuthClient client, AccessTokenClaims subject, Actor actor, IReadOnlyList<string> scopes, Mandates.TaskMandate? mandate, string? dpopJkt, CancellationToken cancellationToken)
    {
        var access = issuer.Issue(new AccessTokenRequest
        {
            Subject = subject.Subject,
            ClientId = client.ClientId,
            Resource = subject.Audience,
            Scopes = scopes,
            Actor = actor,
            MayAct = DelegationPolicy.MayActFor(client),
            NotAfter = mandate is not null && mandate.ExpiresAt < subject.ExpiresAt ? mandate.ExpiresAt : subject.ExpiresAt,
            DpopJkt = dpopJkt,
            Mandate = mandate,

            // A new grant of its own, counting against its own limits and its ancestors' (docs/mandates.md).
            MandateGrants = mandate is null ? null : subject.MandateGrants!.Derive(subject.Mandate!, mandate, Security.RandomTokens.Create(16)),
        });
        await delegations.RecordAsync(new TokenDelegation(access.TokenId, subject.TokenId, access.ExpiresAt), cancellationToken);
        if (await revoked.IsRevokedAsync(subject.TokenId, cancellationToken))
        {
            // The subject was revoked while this exchange ran: the revocation may have missed the child just recorded.
            await revoker.RevokeAsync(access.TokenId, access.ExpiresAt, cancellationToken);
            return await RefuseAsync(client, subject, actor, OAuthError.InvalidRequest("subject_token is invalid, expired or revoked."), cancellationToken);
        }

        await RecordAsync(client, subject, actor, "allow", $"exchanged from token {subject.TokenId}", access.TokenId, cancellationToken);
        return TokenResult.Ok(new TokenResponse(access.Token, access.ExpiresIn, null, ScopeParser.Join(scopes), TokenResponse.TypeFor(dpopJkt), TokenTypeUris.AccessToken) { Mandate = mandate });
    }

    private async Task<TokenResult> RefuseAsync(OAuthClient client, AccessTokenClaims? subject, Actor? actor, OAuthError error, CancellationToken cancellationToken)
    {
        await RecordAsync(client, subject, actor, "deny", $"{error.Error}: {error.Description}", subject?.TokenId, cancellationToken);
        return TokenResult.Fail(error);
    }

    private ValueTask<long> RecordAsync(OAuthClient client, AccessTokenClaims? subject, Actor? actor, string decision, string reason, string? tokenId, CancellationToken cancellationToken) =>
        audit.RecordAsync(new AuditEvent
        {
            Timestamp = time.GetUtcNow(),
            Kind = "token.exchange",
            Decision = decision,
            Reason = reason,
            Subject = subject?.Subject,
            ClientId = client.ClientId,
            TokenId = tokenId,
            Resource = subject?.Audience,
            ActorChain = actor?.ToJson(),
        }, cancellationToken);
}
