namespace Mandate.Demo.Notes;

/// <summary>What list_notes shows of a note.</summary>
public sealed record NoteSummary(string Id, string Title);
