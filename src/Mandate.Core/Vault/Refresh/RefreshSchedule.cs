using System.Security.Cryptography;
using Mandate.Core.Configuration;

namespace Mandate.Core.Vault.Refresh;

/// <summary>
/// When to refresh an access token: <see cref="VaultOptions.RefreshBeforeExpiry"/> before it expires (at most half its
/// lifetime, so short-lived tokens are not refreshed on every use), and up to <see cref="VaultOptions.RefreshJitter"/>
/// earlier at random (at most a quarter of the lifetime), so tokens issued together spread their refreshes.
/// </summary>
public static class RefreshSchedule
{
    /// <summary>The due time, or null when the token cannot be refreshed (no refresh token) or its expiry is unknown.</summary>
    /// <param name="random">A value in [0, 1) choosing the jitter; random when null.</param>
    public static DateTimeOffset? DueAt(DateTimeOffset issuedAt, DateTimeOffset? expiresAt, bool canRefresh, VaultOptions options, double? random = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!canRefresh || expiresAt is not { } expiry)
        {
            return null;
        }

        var lifetime = expiry - issuedAt;
        if (lifetime <= TimeSpan.Zero)
        {
            return issuedAt;
        }

        var before = Min(options.RefreshBeforeExpiry, lifetime / 2);
        var jitterRange = Min(options.RefreshJitter, lifetime / 4);
        var fraction = random ?? RandomNumberGenerator.GetInt32(int.MaxValue) / (double)int.MaxValue;
        var due = expiry - before - jitterRange * fraction;
        return due < issuedAt ? issuedAt : due;
    }

    /// <summary>Whether a token must be refreshed before use now: it has expired or expires within the skew.</summary>
    public static bool IsStale(DateTimeOffset now, DateTimeOffset? expiresAt, TimeSpan skew) => expiresAt is { } expiry && expiry - skew <= now;

    /// <summary>When the background refresher tries again after a transient failure (provider unreachable, 5xx).</summary>
    public static DateTimeOffset RetryAt(DateTimeOffset now) => now + TimeSpan.FromMinutes(1);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
