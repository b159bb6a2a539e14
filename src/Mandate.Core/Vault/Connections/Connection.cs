namespace Mandate.Core.Vault.Connections;

/// <summary>
/// One person's connection to one connector. The credential is sealed in the vault (owner = the person's id,
/// connector, purpose); the rest is what operators may see.
/// </summary>
public sealed record Connection
{
    public required string UserId { get; init; }

    public required string Connector { get; init; }

    public ConnectionStatus Status { get; init; } = ConnectionStatus.Connected;

    /// <summary>The sealed <see cref="StoredCredential"/>.</summary>
    public required string SealedCredential { get; init; }

    /// <summary>When the access token expires, when the provider said.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>When the background refresh should renew it (before expiry, with jitter); null when it cannot be refreshed.</summary>
    public DateTimeOffset? RefreshDueAt { get; init; }

    public string? Scope { get; init; }

    /// <summary>Why the connection needs reconnecting (an OAuth error code, never a token).</summary>
    public string? LastError { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? LastRefreshedAt { get; init; }
}
