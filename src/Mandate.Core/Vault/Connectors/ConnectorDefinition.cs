namespace Mandate.Core.Vault.Connectors;

/// <summary>What an operator gives to add a connector (`mandate connectors add`); secrets in clear only until sealed.</summary>
public sealed record ConnectorDefinition
{
    public required string Name { get; init; }

    public ConnectorKind Kind { get; init; } = ConnectorKind.OAuth;

    public string? Issuer { get; init; }

    public string? AuthorizeUrl { get; init; }

    public string? TokenUrl { get; init; }

    public string? RevocationUrl { get; init; }

    public string? ClientId { get; init; }

    public string? ClientSecret { get; init; }

    /// <summary>A private JWK (JSON) for private_key_jwt.</summary>
    public string? PrivateKeyJwk { get; init; }

    /// <summary>DPoP-bound provider tokens: null = when the provider's metadata offers ES256, true = always, false = never.</summary>
    public bool? Dpop { get; init; }

    public IReadOnlyList<string> Scopes { get; init; } = [];

    public IReadOnlyDictionary<string, string> ExtraParameters { get; init; } = new Dictionary<string, string>();
}
