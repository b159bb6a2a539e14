using Mandate.Core.Configuration;
using Mandate.Core.Vault.Refresh;

namespace Mandate.Core.Tests.Vault;

public sealed class RefreshScheduleTests
{
    private static readonly DateTimeOffset Issued = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly VaultOptions Options = new() { RefreshBeforeExpiry = TimeSpan.FromMinutes(5), RefreshJitter = TimeSpan.FromSeconds(60) };

    [Fact]
    public void HourLongToken_IsDueFiveMinutesBeforeExpiry_MinusUpToAMinuteOfJitter()
    {
        var expiry = Issued.AddHours(1);

        Assert.Equal(expiry.AddMinutes(-5), RefreshSchedule.DueAt(Issued, expiry, true, Options, random: 0));
        Assert.Equal(expiry.AddMinutes(-5).AddSeconds(-30), RefreshSchedule.DueAt(Issued, expiry, true, Options, random: 0.5));
        Assert.Equal(expiry.AddMinutes(-6), RefreshSchedule.DueAt(Issued, expiry, true, Options, random: 1));
    }

    [Fact]
    public void ShortToken_IsRefreshedInItsSecondHalf_NotOnEveryUse()
    {
        var expiry = Issued.AddSeconds(60);

        // Before = min(5 min, 30 s) = 30 s; jitter at most min(60 s, 15 s).
        Assert.Equal(Issued.AddSeconds(30), RefreshSchedule.DueAt(Issued, expiry, true, Options, random: 0));
        Assert.Equal(Issued.AddSeconds(15), RefreshSchedule.DueAt(Issued, expiry, true, Options, random: 1));
    }

    [Fact]
    public void RandomJitter_StaysWithinItsRange_AndSpreads()
    {
        var expiry = Issued.AddHours(1);
        var dues = Enumerable.Range(0, 200).Select(_ => RefreshSchedule.DueAt(Issued, expiry, true, Options)!.Value).ToList();

        Assert.All(dues, d => Assert.InRange(d, expiry.AddMinutes(-6), expiry.AddMinutes(-5)));
        Assert.True(dues.Distinct().Count() > 100, "the jitter should spread refreshes");
    }

    [Fact]
    public void NoRefreshToken_OrNoExpiry_IsNeverDue()
    {
        Assert.Null(RefreshSchedule.DueAt(Issued, Issued.AddHours(1), canRefresh: false, Options));
        Assert.Null(RefreshSchedule.DueAt(Issued, null, canRefresh: true, Options));
    }

    [Fact]
    public void AlreadyExpiredToken_IsDueAtOnce()
    {
        Assert.Equal(Issued, RefreshSchedule.DueAt(Issued, Issued.AddSeconds(-5), true, Options));
    }

    [Fact]
    public void IsStale_WithinTheSkewOfExpiry()
    {
        var expiry = Issued.AddMinutes(1);

        Assert.False(RefreshSchedule.IsStale(Issued, expiry, TimeSpan.FromSeconds(10)));
        Assert.False(RefreshSchedule.IsStale(expiry.AddSeconds(-11), expiry, TimeSpan.FromSeconds(10)));
        Assert.True(RefreshSchedule.IsStale(expiry.AddSeconds(-10), expiry, TimeSpan.FromSeconds(10)));
        Assert.True(RefreshSchedule.IsStale(expiry.AddHours(1), expiry, TimeSpan.FromSeconds(10)));
        Assert.False(RefreshSchedule.IsStale(expiry.AddHours(1), null, TimeSpan.FromSeconds(10)));
    }
}
