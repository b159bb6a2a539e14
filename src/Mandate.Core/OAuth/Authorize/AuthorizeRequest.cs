using Mandate.Core.Clients;
using Mandate.Core.Mandates;
using Mandate.Core.Resources;

namespace Mandate.Core.OAuth.Authorize;

/// <summary>An authorization request that passed validation.</summary>
public sealed record AuthorizeRequest
{
    public required OAuthClient Client { get; init; }

    public required string RedirectUri { get; init; }

    /// <summary>Whether redirect_uri was in the request; then the token request must repeat it (RFC 6749 section 4.1.3).</summary>
    public bool RedirectUriSent { get; init; }

    public string? State { get; init; }

    public required string CodeChallenge { get; init; }

    public required ProtectedResource Resource { get; init; }

    public IReadOnlyList<string> Scopes { get; init; } = [];

    public IReadOnlySet<string> Prompt { get; init; } = new HashSet<string>();

    public string? Nonce { get; init; }

    /// <summary>max_age in seconds (OpenID Connect), when sent.</summary>
    public int? MaxAge { get; init; }

    /// <summary>dpop_jkt (RFC 9449 §10): the code will only be redeemed with a DPoP proof of this key.</summary>
    public string? DpopJkt { get; init; }

    /// <summary>The requested mandate (authorization_details of type mandate, RFC 9396), validated for this resource.</summary>
    public TaskMandate? Mandate { get; init; }

    /// <summary>The PAR request_uri (RFC 9126) this request was read from, or null for a request sent in full.</summary>
    public string? PushedRequestUri { get; init; }
}
