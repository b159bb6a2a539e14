namespace Mandate.Client.Ciba;

/// <summary>What a client asks for at the backchannel authentication endpoint (OpenID CIBA Core 1.0 section 7.1).</summary>
public sealed record BackchannelAuthenticationRequest
{
    /// <summary>Who is asked: the person's username at Mandate (login_hint).</summary>
    public required string LoginHint { get; init; }

    /// <summary>The scopes wanted (openid is added, as CIBA requires it; Mandate issues no ID token for it).</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>The protected resource the token is for (RFC 8707 resource; Mandate requires it).</summary>
    public required string Resource { get; init; }

    /// <summary>A short code shown on both devices so the person can tell this request apart, or null.</summary>
    public string? BindingMessage { get; init; }

    /// <summary>How long the person may take; null leaves it to the server.</summary>
    public TimeSpan? RequestedExpiry { get; init; }

    /// <summary>A mandate (RFC 9396 authorization_details JSON array), or null.</summary>
    public string? AuthorizationDetails { get; init; }

    /// <summary>Ping mode: the bearer token the server sends back with its notification, or null.</summary>
    public string? ClientNotificationToken { get; init; }
}
