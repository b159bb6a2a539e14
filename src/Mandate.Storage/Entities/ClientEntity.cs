namespace Mandate.Storage.Entities;

public sealed class ClientEntity
{
    public string ClientId { get; set; } = "";

    public string Name { get; set; } = "";

    public int Source { get; set; }

    public string TokenEndpointAuthMethod { get; set; } = "";

    public byte[]? SecretHash { get; set; }

    public List<string> RedirectUris { get; set; } = [];

    public List<string> GrantTypes { get; set; } = [];

    public List<string> Scopes { get; set; } = [];

    public string? JwksUri { get; set; }

    public string? Jwks { get; set; }

    public string ApplicationType { get; set; } = "web";

    public string? ClientUri { get; set; }

    public string? LogoUri { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<string> MayExchangeTo { get; set; } = [];

    public bool RequireDpop { get; set; }

    public bool RequirePushedAuthorizationRequests { get; set; }

    public string? BackchannelTokenDeliveryMode { get; set; }

    public string? BackchannelClientNotificationEndpoint { get; set; }
}
