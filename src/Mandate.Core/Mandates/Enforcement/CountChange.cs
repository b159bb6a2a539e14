namespace Mandate.Core.Mandates.Enforcement;

/// <summary>
/// One request to the call counters: count one call on every charge, all or none, or give back a count taken before
/// (<paramref name="GiveBack"/>), which always applies.
/// </summary>
public sealed record CountChange(IReadOnlyList<CallCharge> Charges, bool GiveBack);
