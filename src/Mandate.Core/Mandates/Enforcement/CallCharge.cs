namespace Mandate.Core.Mandates.Enforcement;

/// <summary>One call counted against one grant's limit for one tool; the row can go once the mandate expired.</summary>
public sealed record CallCharge(string GrantId, string Tool, int MaxCalls, DateTimeOffset ExpiresAt);
