namespace Mandate.Client.Ciba;

/// <summary>How a backchannel authentication ended.</summary>
public enum CibaOutcome
{
    /// <summary>The person approved: <see cref="CibaResult.Tokens"/> holds the tokens.</summary>
    Approved,

    /// <summary>The person denied (access_denied).</summary>
    Denied,

    /// <summary>Nobody decided in time (expired_token, or the expiry passed while waiting).</summary>
    Expired,
}
