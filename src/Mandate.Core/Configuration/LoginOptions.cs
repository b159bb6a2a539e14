namespace Mandate.Core.Configuration;

public sealed class LoginOptions
{
    /// <summary>Failed sign-ins allowed per user, and per client address, within <see cref="FailureWindow"/> before a lockout.</summary>
    public int MaxFailures { get; set; } = 5;

    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);
}
