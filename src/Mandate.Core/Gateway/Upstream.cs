namespace Mandate.Core.Gateway;

/// <summary>An upstream behind the gateway: an MCP server served at {issuer}/mcp/{Name}, or an HTTP API at {issuer}/http/{Name}/...</summary>
public sealed record Upstream
{
    public required string Name { get; init; }

    /// <summary>What the upstream speaks (and so where it is served); MCP unless added with --kind http.</summary>
    public UpstreamKind Kind { get; init; } = UpstreamKind.Mcp;

    /// <summary>The upstream's Streamable HTTP endpoint (MCP), or the base URL request paths are appended to (HTTP).</summary>
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

    /// <summary>
    /// The connector whose credential the gateway attaches for the token's person (and where), or null for none. The
    /// credential comes from the vault per call; the upstream record holds only the connector's name.
    /// </summary>
    public UpstreamCredential? Credential { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
