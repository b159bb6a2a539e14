namespace Mandate.Storage.Entities;

public sealed class RevokedAccessTokenEntity
{
    public string TokenId { get; set; } = "";

    public DateTimeOffset ExpiresAt { get; set; }
}
