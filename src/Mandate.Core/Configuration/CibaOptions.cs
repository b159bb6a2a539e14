namespace Mandate.Core.Configuration;

/// <summary>OpenID Connect CIBA (docs/ciba.md).</summary>
public sealed class CibaOptions
{
    /// <summary>How long a backchannel request waits for the person when the client asks for no requested_expiry.</summary>
    public TimeSpan DefaultExpiry { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest requested_expiry honoured; longer requests are refused.</summary>
    public TimeSpan MaxExpiry { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The minimum wait between two token requests for one auth_req_id (CIBA interval); slow_down adds 5 s.</summary>
    public int IntervalSeconds { get; set; } = 5;

    /// <summary>How many requests one client may have waiting for one person; more are refused (access_denied), so no client can flood a person.</summary>
    public int MaxPendingPerUser { get; set; } = 5;
}
