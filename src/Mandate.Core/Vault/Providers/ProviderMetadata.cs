namespace Mandate.Core.Vault.Providers;

/// <summary>What Mandate uses of a provider's RFC 8414 / OpenID Connect discovery document.</summary>
public sealed record ProviderMetadata
{
    public required string Issuer { get; init; }

    public required string AuthorizationEndpoint { get; init; }

    public required string TokenEndpoint { get; init; }

    public string? RevocationEndpoint { get; init; }

    public string? PushedAuthorizationRequestEndpoint { get; init; }

    public bool IssParameterSupported { get; init; }

    /// <summary>RFC 9449 §5.1 <c>dpop_signing_alg_values_supported</c>: the provider binds tokens to DPoP keys with these algorithms.</summary>
    public IReadOnlyList<string> DpopSigningAlgorithms { get; init; } = [];

    public IReadOnlyList<string> TokenEndpointAuthMethods { get; init; } = [];

    public IReadOnlyList<string> CodeChallengeMethods { get; init; } = [];
}
