namespace Mandate.Core.Clients;

/// <summary>An OAuth client as Mandate knows it, whatever its source.</summary>
public sealed record OAuthClient
{
    public required string ClientId { get; init; }

    public required string Name { get; init; }

    public ClientSource Source { get; init; }

    public string TokenEndpointAuthMethod { get; init; } = TokenEndpointAuthMethods.None;

    /// <summary>SHA-256 of the generated high-entropy secret; null for clients without one.</summary>
    public byte[]? SecretHash { get; init; }

    public IReadOnlyList<string> RedirectUris { get; init; } = [];

    public IReadOnlyList<string> GrantTypes { get; init; } = [Clients.GrantTypes.AuthorizationCode];

    /// <summary>Scopes this client may ask for. Empty means any scope of the requested resource (the user still consents).</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    public string? JwksUri { get; init; }

    /// <summary>An inline JWK Set (JSON) for private_key_jwt.</summary>
    public string? Jwks { get; init; }

    /// <summary>RFC 7591 application_type: web or native.</summary>
    public string ApplicationType { get; init; } = "web";

    public string? ClientUri { get; init; }

    public string? LogoUri { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// Clients that may exchange (RFC 8693) tokens issued to this one, becoming the next actor in the chain. Set by
    /// the operator only; with exactly one, tokens issued to this client carry it as may_act.
    /// </summary>
    public IReadOnlyList<string> MayExchangeTo { get; init; } = [];

    /// <summary>
    /// RFC 9449 §5.2 dpop_bound_access_tokens: the client always uses DPoP, so a token request without a DPoP proof
    /// is refused.
    /// </summary>
    public bool RequireDpop { get; init; }

    /// <summary>RFC 9126 §6 require_pushed_authorization_requests: /authorize accepts this client's requests only through PAR.</summary>
    public bool RequirePushedAuthorizationRequests { get; init; }

    /// <summary>CIBA backchannel_token_delivery_mode: "poll" or "ping"; null for a client without the CIBA grant.</summary>
    public string? BackchannelTokenDeliveryMode { get; init; }

    /// <summary>CIBA backchannel_client_notification_endpoint (ping mode): where the server posts when a request is decided.</summary>
    public string? BackchannelClientNotificationEndpoint { get; init; }

    public bool IsPublic => TokenEndpointAuthMethod == TokenEndpointAuthMethods.None;

    public bool AllowsGrant(string grantType) => GrantTypes.Contains(grantType, StringComparer.Ordinal);
}
