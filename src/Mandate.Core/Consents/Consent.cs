namespace Mandate.Core.Consents;

/// <summary>A person's remembered "Allow" for one client, one resource and a set of scopes.</summary>
public sealed record Consent
{
    public required string UserId { get; init; }

    public required string ClientId { get; init; }

    public required string Resource { get; init; }

    public IReadOnlyList<string> Scopes { get; init; } = [];

    public DateTimeOffset GrantedAt { get; init; }

    public bool Covers(IEnumerable<string> requested) => requested.All(s => Scopes.Contains(s, StringComparer.Ordinal));
}
