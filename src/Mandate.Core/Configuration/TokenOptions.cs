namespace Mandate.Core.Configuration;

public sealed class TokenOptions
{
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long the refresh token just rotated away may be presented again (a client that lost the response retries).</summary>
    public TimeSpan RefreshReuseGrace { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a request_uri from POST /par may be used at /authorize (RFC 9126 §2.2 expires_in).</summary>
    public TimeSpan PushedRequestLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>ES256 (default), EdDSA or PS256.</summary>
    public string SigningAlgorithm { get; set; } = "ES256";

    /// <summary>The most actors an exchanged token's act chain may name (RFC 8693); 1 to 10.</summary>
    public int MaxDelegationDepth { get; set; } = 5;

    public TimeSpan KeyRotationInterval { get; set; } = TimeSpan.FromDays(30);
}
