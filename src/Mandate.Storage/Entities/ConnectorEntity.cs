namespace Mandate.Storage.Entities;

public sealed class ConnectorEntity
{
    public string Name { get; set; } = "";

    public string Kind { get; set; } = "";

    public string? Issuer { get; set; }

    public string? AuthorizationEndpoint { get; set; }

    public string? TokenEndpoint { get; set; }

    public string? RevocationEndpoint { get; set; }

    public string? ParEndpoint { get; set; }

    public bool IssParameterSupported { get; set; }

    public string? DpopAlgorithm { get; set; }

    public string? ClientId { get; set; }

    public string ClientAuthMethod { get; set; } = "";

    /// <summary>Sealed by the vault (envelope encryption); never plaintext.</summary>
    public string? SealedClientCredential { get; set; }

    public List<string> Scopes { get; set; } = [];

    public Dictionary<string, string> ExtraParameters { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
}
