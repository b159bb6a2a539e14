namespace Mandate.Core.Mandates.Enforcement;

/// <summary>
/// What a mandate says of one tools/call: allowed (with the counters the call must pass), or refused with which limit
/// (safe to show the caller: tool and argument names and keywords, never argument values).
/// </summary>
public sealed record MandateVerdict(string? Refusal, IReadOnlyList<CallCharge> Charges)
{
    public static readonly MandateVerdict AllowedUncounted = new(null, []);

    public bool Allowed => Refusal is null;

    public static MandateVerdict Refuse(string why) => new(why, []);
}
