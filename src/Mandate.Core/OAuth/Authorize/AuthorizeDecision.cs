namespace Mandate.Core.OAuth.Authorize;

public enum AuthorizeNext
{
    /// <summary>Redirect to <see cref="AuthorizeDecision.RedirectUrl"/> (a code or an error for the client).</summary>
    Redirect,

    /// <summary>The person must sign in (again).</summary>
    Login,

    /// <summary>The person must see the consent page.</summary>
    Consent,
}

public sealed record AuthorizeDecision(AuthorizeNext Next, string? RedirectUrl = null);
