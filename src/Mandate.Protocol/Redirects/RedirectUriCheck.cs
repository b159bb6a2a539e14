namespace Mandate.Protocol.Redirects;

/// <summary>Outcome of validating a redirect URI for client registration.</summary>
/// <param name="IsValid">True when the URI may be registered.</param>
/// <param name="Error">A short human-readable reason when <paramref name="IsValid"/> is false; otherwise null.</param>
public sealed record RedirectUriCheck(bool IsValid, string? Error)
{
    /// <summary>A successful check.</summary>
    public static RedirectUriCheck Valid { get; } = new(true, null);

    /// <summary>Creates a failed check with the given reason.</summary>
    /// <param name="error">Why the URI was rejected.</param>
    /// <returns>A check with <see cref="IsValid"/> false.</returns>
    public static RedirectUriCheck Invalid(string error) => new(false, error);
}
