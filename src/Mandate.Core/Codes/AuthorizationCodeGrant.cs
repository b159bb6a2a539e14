namespace Mandate.Core.Codes;

/// <summary>What an authorization code stands for, kept server-side; the code itself is only a random handle.</summary>
public sealed record AuthorizationCodeGrant
{
    public required string ClientId { get; init; }

    public required string RedirectUri { get; init; }

    /// <summary>Whether the authorization request carried redirect_uri; then the token request must repeat it.</summary>
    public bool RedirectUriSent { get; init; }

    public required string CodeChallenge { get; init; }

    public required string Subject { get; init; }

    public required string Resource { get; init; }

    public IReadOnlyList<string> Scopes { get; init; } = [];

    public DateTimeOffset AuthTime { get; init; }

    public string? Nonce { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>dpop_jkt of the authorization request (RFC 9449 §10): the token request needs a DPoP proof of this key.</summary>
    public string? DpopJkt { get; init; }

    /// <summary>The mandate the person approved (RFC 9396 authorization_details), carried into the tokens.</summary>
    public Mandates.TaskMandate? Mandate { get; init; }
}
