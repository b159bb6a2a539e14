using Mandate.Core.Audit;
using Mandate.Core.Codes;
using Mandate.Core.Configuration;
using Mandate.Core.Consents;
using Mandate.Protocol.OAuth;
using Microsoft.Extensions.Options;

namespace Mandate.Core.OAuth.Authorize;

/// <summary>
/// What happens to a valid authorization request once we know who (if anyone) is signed in: sign in, ask for consent,
/// or answer the client. Consent is remembered per user, client, resource and scope set; a mandate is never remembered:
/// each one is a new decision the person makes on the consent page. The person's answer is a "consent.given" or
/// "consent.denied" event in the ledger (the mandate's purpose in the reason).
/// </summary>
public sealed class AuthorizationService(IConsentStore consents, IAuthorizationCodeStore codes, IAuditSink audit, IOptions<MandateOptions> options, TimeProvider time)
{
    public const string ConsentGivenKind = "consent.given";
    public const string ConsentDeniedKind = "consent.denied";

    /// <param name="userId">The signed-in user, or null.</param>
    /// <param name="authTime">When that user signed in.</param>
    /// <param name="loginSatisfied">True when a sign-in demanded by prompt=login or max_age has just happened.</param>
    public async Task<AuthorizeDecision> DecideAsync(AuthorizeRequest request, string? userId, DateTimeOffset? authTime, bool loginSatisfied, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var issuer = options.Value.Issuer;
        var interactionAllowed = !request.Prompt.Contains("none");
        var needsLogin = userId is null
            || (request.Prompt.Contains("login") && !loginSatisfied)
            || (request.MaxAge is { } maxAge && authTime is { } at && time.GetUtcNow() - at > TimeSpan.FromSeconds(maxAge) && !loginSatisfied);
        if (needsLogin)
        {
            return interactionAllowed
                ? new AuthorizeDecision(AuthorizeNext.Login)
                : new AuthorizeDecision(AuthorizeNext.Redirect, AuthorizeResponseUrl.Failure(request.RedirectUri, new OAuthError(OAuthErrorCodes.LoginRequired, "The user is not signed in."), request.State, issuer));
        }

        var consent = await consents.FindAsync(userId!, request.Client.ClientId, request.Resource.Uri, cancellationToken);
        var needsConsent = request.Mandate is not null || request.Prompt.Contains("consent") || consent is null || !consent.Covers(request.Scopes);
        if (needsConsent)
        {
            return interactionAllowed
                ? new AuthorizeDecision(AuthorizeNext.Consent)
                : new AuthorizeDecision(AuthorizeNext.Redirect, AuthorizeResponseUrl.Failure(request.RedirectUri, new OAuthError(OAuthErrorCodes.ConsentRequired, "The user has not consented."), request.State, issuer));
        }

        return new AuthorizeDecision(AuthorizeNext.Redirect, await IssueCodeAsync(request, userId!, authTime ?? time.GetUtcNow(), cancellationToken));
    }

    /// <summary>The person clicked Allow: remember the consent (not for a mandate) and answer with a code.</summary>
    public async Task<string> ApproveAsync(AuthorizeRequest request, string userId, DateTimeOffset authTime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await RecordAsync(request, userId, ConsentGivenKind, "allow", cancellationToken);
        if (request.Mandate is not null)
        {
            return await IssueCodeAsync(request, userId, authTime, cancellationToken);
        }

        await consents.GrantAsync(new Consent
        {
            UserId = userId,
            ClientId = request.Client.ClientId,
            Resource = request.Resource.Uri,
            Scopes = request.Scopes,
            GrantedAt = time.GetUtcNow(),
        }, cancellationToken);
        return await IssueCodeAsync(request, userId, authTime, cancellationToken);
    }

    /// <summary>The person clicked Deny.</summary>
    public async Task<string> DenyAsync(AuthorizeRequest request, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await RecordAsync(request, userId, ConsentDeniedKind, "deny", cancellationToken);
        return AuthorizeResponseUrl.Failure(request.RedirectUri, OAuthError.AccessDenied("The user denied the request."), request.State, options.Value.Issuer);
    }

    private ValueTask<long> RecordAsync(AuthorizeRequest request, string userId, string kind, string decision, CancellationToken cancellationToken) =>
        audit.RecordAsync(new AuditEvent
        {
            Timestamp = time.GetUtcNow(),
            Kind = kind,
            Decision = decision,
            Reason = request.Mandate is { } mandate
                ? (mandate.Purpose is { } purpose ? $"mandate: {purpose}" : "mandate")
                : decision == "allow" ? "consent remembered for these scopes" : "the person declined",
            Subject = userId,
            ClientId = request.Client.ClientId,
            Resource = request.Resource.Uri,
            Scope = request.Scopes.Count > 0 ? string.Join(' ', request.Scopes) : null,
        }, cancellationToken);

    private async Task<string> IssueCodeAsync(AuthorizeRequest request, string userId, DateTimeOffset authTime, CancellationToken cancellationToken)
    {
        var code = await codes.CreateAsync(new AuthorizationCodeGrant
        {
            ClientId = request.Client.ClientId,
            RedirectUri = request.RedirectUri,
            RedirectUriSent = request.RedirectUriSent,
            CodeChallenge = request.CodeChallenge,
            Subject = userId,
            Resource = request.Resource.Uri,
            Scopes = request.Scopes,
            AuthTime = authTime,
            Nonce = request.Nonce,
            DpopJkt = request.DpopJkt,
            Mandate = request.Mandate,
            ExpiresAt = time.GetUtcNow() + options.Value.Tokens.AuthorizationCodeLifetime,
        }, cancellationToken);
        return AuthorizeResponseUrl.Success(request.RedirectUri, code, request.State, options.Value.Issuer);
    }
}
