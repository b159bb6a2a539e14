namespace Mandate.Core.Keys;

/// <summary>A stored signing key: the private JWK plus when it was made and when it starts signing.</summary>
public sealed record SigningKeyRecord
{
    public required string KeyId { get; init; }

    public required string Algorithm { get; init; }

    public required string PrivateJwk { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Keys are published before they sign, so verifiers that cache the JWKS already know them.</summary>
    public DateTimeOffset ActivatesAt { get; init; }
}
