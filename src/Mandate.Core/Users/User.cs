namespace Mandate.Core.Users;

public sealed record User
{
    /// <summary>Stable subject identifier, used as <c>sub</c> in tokens; never reused.</summary>
    public required string Id { get; init; }

    public required string Username { get; init; }

    public required string PasswordHash { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Set for the generated first-start admin password until it is changed.</summary>
    public bool MustChangePassword { get; init; }

    /// <summary>An administrator sees everyone's activity in the console, not only their own.</summary>
    public bool IsAdmin { get; init; }
}
