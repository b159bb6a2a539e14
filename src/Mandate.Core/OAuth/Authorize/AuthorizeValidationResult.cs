using Mandate.Protocol.OAuth;

namespace Mandate.Core.OAuth.Authorize;

/// <summary>
/// Either a valid request, or an error. An error with <see cref="RedirectUri"/> set goes back to the client;
/// one without is shown to the person, because the redirect URI could not be trusted (RFC 6749 section 4.1.2.1).
/// </summary>
public sealed record AuthorizeValidationResult(AuthorizeRequest? Request, OAuthError? Error, string? RedirectUri = null, string? State = null)
{
    public bool IsValid => Request is not null;
}
