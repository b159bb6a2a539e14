namespace Mandate.LoadHarness.Targets;

/// <summary>
/// One server under test, read from a JSON file with snake_case names (see bench/README.md).
/// </summary>
internal sealed record TargetDescription
{
    /// <summary>Display name, e.g. "mandate" or "oidc-provider".</summary>
    public required string Name { get; init; }

    public required Uri TokenEndpoint { get; init; }

    /// <summary>Only needed by <c>mint-codes</c>.</summary>
    public Uri? AuthorizationEndpoint { get; init; }

    /// <summary>Confidential client used for client_credentials (client_secret_basic).</summary>
    public required string ClientId { get; init; }

    public required string ClientSecret { get; init; }

    /// <summary>Client used for the authorization-code flow; defaults to <see cref="ClientId"/>.</summary>
    public string? CodeClientId { get; init; }

    /// <summary>Secret of <see cref="CodeClientId"/>; absent for a public (PKCE-only) client.</summary>
    public string? CodeClientSecret { get; init; }

    public required string Resource { get; init; }

    public required string Scope { get; init; }

    public required Uri RedirectUri { get; init; }

    /// <summary>RFC 9396 authorization_details (JSON) sent with each authorization request, e.g. a mandate; none when absent.</summary>
    public string? AuthorizationDetails { get; init; }

    /// <summary>Pre-minted "code verifier" lines for the auth-code mode.</summary>
    public string? CodesFile { get; init; }

    public ClientCredentials CodeClient => CodeClientId is null
        ? new ClientCredentials(ClientId, ClientSecret)
        : new ClientCredentials(CodeClientId, CodeClientSecret);
}
