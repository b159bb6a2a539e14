namespace Mandate.Core.Resources;

/// <summary>An audience Mandate issues tokens for (RFC 8707 resource indicator, canonical form).</summary>
public sealed record ProtectedResource
{
    public required string Uri { get; init; }

    public required string Name { get; init; }

    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>What each scope lets a client do, in words, for the consent page (scope name to sentence).</summary>
    public IReadOnlyDictionary<string, string> ScopeDescriptions { get; init; } = new Dictionary<string, string>();

    public DateTimeOffset CreatedAt { get; init; }
}
