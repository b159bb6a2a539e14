namespace Mandate.Core.Gateway;

/// <summary>An MCP server behind the gateway, served at {issuer}/mcp/{Name}.</summary>
public sealed record Upstream
{
    public required string Name { get; init; }

    /// <summary>The upstream's Streamable HTTP endpoint.</summary>
    public required string Url { get; init; }

    public string Transport { get; init; } = "streamable-http";

    /// <summary>Whether the upstream's tool annotations are believed when assigning default levels.</summary>
    public bool TrustAnnotations { get; init; }

    /// <summary>
    /// Whether gateway.call events keep the tool arguments (redacted of credentials, cut to the ledger's text limit)
    /// besides their digest. Off by default: arguments are often personal data, and nothing leaves the ledger once in.
    /// </summary>
    public bool RecordArguments { get; init; }

    /// <summary>Headers sent upstream (API keys). Plain text here; the store keeps them encrypted.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public DateTimeOffset CreatedAt { get; init; }
}
