namespace Mandate.Core.OAuth.Ciba;

public enum CibaPollOutcome
{
    /// <summary>The client waited long enough; the poll counts.</summary>
    InTime,

    /// <summary>Too soon: slow_down, and the interval is now 5 seconds longer.</summary>
    TooSoon,
}
