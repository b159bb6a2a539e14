namespace Mandate.Storage.Entities;

public sealed class UserEntity
{
    public string Id { get; set; } = "";

    public string Username { get; set; } = "";

    /// <summary>Upper-cased username for case-insensitive uniqueness on every provider.</summary>
    public string NormalizedUsername { get; set; } = "";

    public string PasswordHash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public bool MustChangePassword { get; set; }

    public bool IsAdmin { get; set; }
}
