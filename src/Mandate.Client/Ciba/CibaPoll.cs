using Mandate.Client.OAuth;

namespace Mandate.Client.Ciba;

/// <summary>One token request's answer: still pending (possibly with a longer interval), or finished.</summary>
/// <param name="Result">The final result, or null while the person has not decided.</param>
/// <param name="SlowDown">The server answered slow_down: wait 5 seconds longer from now on.</param>
public sealed record CibaPoll(CibaResult? Result, bool SlowDown)
{
    internal static CibaPoll Pending { get; } = new(null, false);

    internal static CibaPoll Slower { get; } = new(null, true);

    internal static CibaPoll Done(CibaOutcome outcome, TokenResponse? tokens = null) => new(new CibaResult(outcome, tokens), false);
}
