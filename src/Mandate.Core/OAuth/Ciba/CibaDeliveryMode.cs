namespace Mandate.Core.OAuth.Ciba;

/// <summary>How a client learns that a backchannel request was decided (CIBA section 5): it polls, or is pinged and then asks.</summary>
public enum CibaDeliveryMode
{
    Poll,
    Ping,
}
