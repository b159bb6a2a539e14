namespace Mandate.Core.Tokens;

/// <summary>
/// One refresh token of a rotation family. Only the SHA-256 of the token is stored. A token is used once:
/// redeeming it consumes it and issues its child; presenting a consumed token again is reuse.
/// </summary>
public sealed record RefreshTokenRecord
{
    public required string TokenHash { get; init; }

    /// <summary>Every token descended from one authorization shares the family id; reuse revokes the family.</summary>
    public required string FamilyId { get; init; }

    public string? ParentHash { get; init; }

    public required string ClientId { get; init; }

    public required string Subject { get; init; }

    public required string Resource { get; init; }

    public IReadOnlyList<string> Scopes { get; init; } = [];

    public DateTimeOffset? AuthTime { get; init; }

    public DateTimeOffset IssuedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? ConsumedAt { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>
    /// The thumbprint of the DPoP key this token is bound to (RFC 9449 §5: public clients that sent a proof); each
    /// redemption then needs a proof of that key. Rotation keeps the binding. Null for unbound tokens.
    /// </summary>
    public string? DpopJkt { get; init; }

    /// <summary>The mandate of the grant: every access token the family issues carries it (RFC 9396 §6).</summary>
    public Mandates.TaskMandate? Mandate { get; init; }
}
