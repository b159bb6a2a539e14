namespace Mandate.Core.Mandates;

/// <summary>
/// A task-bound mandate: one RFC 9396 authorization_details entry of type <c>mandate</c> (docs/mandates.md). It names
/// the protected resource (locations), the tools the agent may call there, each with an argument schema and a call
/// limit, why, and until when.
/// </summary>
public sealed record TaskMandate
{
    /// <summary>The authorization_details type.</summary>
    public const string Type = "mandate";

    /// <summary>Canonical resource URIs (RFC 8707 form); for a request, exactly its resource.</summary>
    public required IReadOnlyList<string> Locations { get; init; }

    public required IReadOnlyList<MandateTool> Tools { get; init; }

    public string? Purpose { get; init; }

    /// <summary>The mandate ends here; tokens carrying it never outlive it.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    public MandateTool? FindTool(string name) => Tools.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));
}
