namespace Mandate.Core.Vault.Connectors;

/// <summary>
/// A third-party service people connect their accounts to. OAuth connectors carry the provider's endpoints (given or
/// discovered from its metadata) and Mandate's client registration there; the client secret or private key is sealed
/// in the vault (<see cref="SealedClientCredential"/>), never stored in clear.
/// </summary>
public sealed record Connector
{
    public required string Name { get; init; }

    public required ConnectorKind Kind { get; init; }

    /// <summary>The provider's issuer identifier, when known (discovered, or given with --issuer): checked against RFC 9207 <c>iss</c>.</summary>
    public string? Issuer { get; init; }

    public string? AuthorizationEndpoint { get; init; }

    public string? TokenEndpoint { get; init; }

    public string? RevocationEndpoint { get; init; }

    /// <summary>The RFC 9126 pushed authorization request endpoint, when the provider offers one: used instead of a long front-channel URL.</summary>
    public string? PushedAuthorizationRequestEndpoint { get; init; }

    /// <summary>The provider said (authorization_response_iss_parameter_supported) that it sends RFC 9207 <c>iss</c>: then it is required.</summary>
    public bool IssParameterSupported { get; init; }

    /// <summary>
    /// The DPoP algorithm (RFC 9449) Mandate proves its tokens with at this provider, or null for bearer tokens:
    /// ES256 when the provider advertises it (unless the operator said <c>--dpop off</c>) or the operator said <c>--dpop on</c>.
    /// </summary>
    public string? DpopAlgorithm { get; init; }

    public string? ClientId { get; init; }

    public string ClientAuthMethod { get; init; } = ClientAuthMethods.None;

    /// <summary>The client secret (client_secret_*) or the private JWK (private_key_jwt), sealed with purpose <see cref="VaultPurposes.ClientCredential"/>.</summary>
    public string? SealedClientCredential { get; init; }

    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>Extra authorization request parameters (e.g. access_type=offline, prompt=consent).</summary>
    public IReadOnlyDictionary<string, string> ExtraParameters { get; init; } = new Dictionary<string, string>();

    public DateTimeOffset CreatedAt { get; init; }
}
