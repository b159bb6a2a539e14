using Mandate.Client.Dpop;

namespace Mandate.Client.OAuth;

/// <summary>Where the token endpoint is, how the client authenticates, and whether its tokens are DPoP-bound.</summary>
public sealed record TokenClientOptions
{
    /// <summary>
    /// The issuer, exactly as the server names itself (e.g. <c>https://mandate.example.com</c>). The token endpoint is
    /// discovered from its RFC 8414 metadata unless <see cref="TokenEndpoint"/> is set.
    /// </summary>
    public string? Issuer { get; init; }

    /// <summary>The token endpoint URL, when known; no discovery then.</summary>
    public string? TokenEndpoint { get; init; }

    /// <summary>How the client authenticates.</summary>
    public required ClientAuthentication ClientAuthentication { get; init; }

    /// <summary>
    /// The client's DPoP key. When set, token requests carry a DPoP proof (through <see cref="DpopHandler"/>), so a
    /// server that supports DPoP binds the issued token to this key (<c>token_type: DPoP</c>).
    /// </summary>
    public DpopKey? DpopKey { get; init; }

    /// <summary>
    /// With a <see cref="DpopKey"/>: refuse (with <see cref="OAuthException"/> <c>invalid_token_type</c>) a token the
    /// server did not bind to the key. Off by default, so that servers without DPoP still work.
    /// </summary>
    public bool RequireDpopBoundTokens { get; init; }

    /// <summary>Allows plain http token endpoints on other hosts than loopback. Never in production.</summary>
    public bool AllowHttp { get; init; }

    /// <summary>How long one token request may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock for proofs, assertions and expiry times.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
