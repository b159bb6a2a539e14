namespace Mandate.Core.Mandates;

/// <summary>
/// One grant of a mandate chain: its stable id (the key of its call counters and data-flow state) and, for an
/// ancestor of the token's own grant, the call limits it set on the tools the token may still call.
/// </summary>
public sealed record MandateGrant(string Id, IReadOnlyDictionary<string, int> MaxCalls);
