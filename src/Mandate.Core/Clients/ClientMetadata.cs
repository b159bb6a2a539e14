using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mandate.Core.Clients;

/// <summary>RFC 7591 client metadata, as sent to /register or served as a client ID metadata document.</summary>
public sealed record ClientMetadata
{
    [JsonPropertyName("client_id")]
    public string? ClientId { get; init; }

    [JsonPropertyName("client_name")]
    public string? ClientName { get; init; }

    [JsonPropertyName("redirect_uris")]
    public IReadOnlyList<string>? RedirectUris { get; init; }

    [JsonPropertyName("grant_types")]
    public IReadOnlyList<string>? GrantTypes { get; init; }

    [JsonPropertyName("response_types")]
    public IReadOnlyList<string>? ResponseTypes { get; init; }

    [JsonPropertyName("token_endpoint_auth_method")]
    public string? TokenEndpointAuthMethod { get; init; }

    [JsonPropertyName("scope")]
    public string? Scope { get; init; }

    [JsonPropertyName("jwks_uri")]
    public string? JwksUri { get; init; }

    [JsonPropertyName("jwks")]
    public JsonElement? Jwks { get; init; }

    [JsonPropertyName("application_type")]
    public string? ApplicationType { get; init; }

    [JsonPropertyName("client_uri")]
    public string? ClientUri { get; init; }

    [JsonPropertyName("logo_uri")]
    public string? LogoUri { get; init; }

    [JsonPropertyName("software_id")]
    public string? SoftwareId { get; init; }

    [JsonPropertyName("software_version")]
    public string? SoftwareVersion { get; init; }

    /// <summary>RFC 9449 §5.2: the client always uses DPoP for token requests.</summary>
    [JsonPropertyName("dpop_bound_access_tokens")]
    public bool? DpopBoundAccessTokens { get; init; }

    /// <summary>RFC 9126 §6: the client starts authorization requests only through PAR.</summary>
    [JsonPropertyName("require_pushed_authorization_requests")]
    public bool? RequirePushedAuthorizationRequests { get; init; }

    /// <summary>CIBA section 4: poll, ping or push (push is not supported).</summary>
    [JsonPropertyName("backchannel_token_delivery_mode")]
    public string? BackchannelTokenDeliveryMode { get; init; }

    /// <summary>CIBA section 4: the client's notification endpoint, required for ping.</summary>
    [JsonPropertyName("backchannel_client_notification_endpoint")]
    public string? BackchannelClientNotificationEndpoint { get; init; }

    /// <summary>CIBA section 4: signed authentication requests. Mandate accepts none, so registering an algorithm is refused.</summary>
    [JsonPropertyName("backchannel_authentication_request_signing_alg")]
    public string? BackchannelAuthenticationRequestSigningAlg { get; init; }

    /// <summary>CIBA section 4: user_code support. Mandate has none, so only false (or absent) is accepted.</summary>
    [JsonPropertyName("backchannel_user_code_parameter")]
    public bool? BackchannelUserCodeParameter { get; init; }
}
