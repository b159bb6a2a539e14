namespace Mandate.Storage.Entities;

public sealed class RefreshTokenEntity
{
    public string TokenHash { get; set; } = "";

    public string FamilyId { get; set; } = "";

    public string? ParentHash { get; set; }

    public string ClientId { get; set; } = "";

    public string Subject { get; set; } = "";

    public string Resource { get; set; } = "";

    public List<string> Scopes { get; set; } = [];

    public DateTimeOffset? AuthTime { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? ConsumedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? DpopJkt { get; set; }

    /// <summary>The grant's mandate as RFC 9396 authorization_details JSON, or null.</summary>
    public string? AuthorizationDetails { get; set; }
}
