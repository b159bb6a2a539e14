namespace Mandate.Storage.Entities;

public sealed class ConnectionEntity
{
    public string UserId { get; set; } = "";

    public string Connector { get; set; } = "";

    public string Status { get; set; } = "";

    /// <summary>Sealed by the vault, bound to (user, connector, purpose); never plaintext.</summary>
    public string SealedCredential { get; set; } = "";

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? RefreshDueAt { get; set; }

    public string? Scope { get; set; }

    public string? LastError { get; set; }

    public string? LeaseHolder { get; set; }

    /// <summary>UTC ticks until which <see cref="LeaseHolder"/> holds the refresh lease; 0 when nobody does.</summary>
    public long LeaseUntil { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? LastRefreshedAt { get; set; }
}
