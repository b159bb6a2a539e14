namespace Mandate.Storage.Entities;

/// <summary>An access token exchanged from another (RFC 8693), kept until it expires for cascading revocation.</summary>
public sealed class TokenDelegationEntity
{
    public string TokenId { get; set; } = "";

    public string ParentTokenId { get; set; } = "";

    public DateTimeOffset ExpiresAt { get; set; }
}
