namespace Mandate.Core.Mandates;

/// <summary>One tool of a mandate in plain words, for the consent page.</summary>
public sealed record MandateToolWording(string Name, string Calls, IReadOnlyList<string> ArgumentLimits);
