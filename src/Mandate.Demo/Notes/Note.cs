namespace Mandate.Demo.Notes;

/// <summary>One note of the demo store.</summary>
public sealed record Note(string Id, string Title, string Body, DateTimeOffset UpdatedAt);
