using Mandate.Client.OAuth;

namespace Mandate.Client.Ciba;

/// <summary>The end of a backchannel authentication: approved with tokens, denied, or expired.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="Tokens">The tokens when approved; otherwise null.</param>
public sealed record CibaResult(CibaOutcome Outcome, TokenResponse? Tokens)
{
    /// <summary>Whether the person approved.</summary>
    public bool IsApproved => Outcome == CibaOutcome.Approved;
}
