using System.Text.Json;

namespace Mandate.LoadHarness.Targets;

/// <summary>
/// One MCP endpoint for the mcp-call mode, read from a JSON file with snake_case names (see bench/README.md): an
/// upstream called directly, or the gateway in front of it with a bearer token.
/// </summary>
internal sealed record McpTargetDescription
{
    /// <summary>Display name, e.g. "direct" or "gateway".</summary>
    public required string Name { get; init; }

    /// <summary>The Streamable HTTP endpoint that receives the POSTs.</summary>
    public required Uri McpUrl { get; init; }

    /// <summary>Sent as "Authorization: Bearer …"; <see cref="BearerTokenFile"/> is read when this is absent.</summary>
    public string? BearerToken { get; init; }

    /// <summary>
    /// A file holding the bearer token (surrounding whitespace ignored), or several, one a line: the requests then take
    /// them in turn (mandate-tokens writes such a file, so no single grant's max_calls runs out).
    /// </summary>
    public string? BearerTokenFile { get; init; }

    /// <summary>
    /// A private JWK (JSON) file: when set, the token is sent as "Authorization: DPoP …" with a fresh RFC 9449 proof
    /// of this key on every request (the token must be bound to it).
    /// </summary>
    public string? DpopKeyFile { get; init; }

    /// <summary>Extra request headers, e.g. an Mcp-Session-Id or an upstream's API key.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>The tool to call; "echo" when absent.</summary>
    public string? Tool { get; init; }

    /// <summary>The tool's arguments; {"text": "hi"} when absent.</summary>
    public JsonElement? Arguments { get; init; }

    /// <summary>The MCP-Protocol-Version header; "2025-11-25" when absent.</summary>
    public string? ProtocolVersion { get; init; }

    /// <summary>The bearer token from <see cref="BearerToken"/> or <see cref="BearerTokenFile"/>, or null for none.</summary>
    public string? ReadBearerToken() => ReadBearerTokens() is [var first, ..] ? first : null;

    /// <summary>Every bearer token of <see cref="BearerToken"/> or <see cref="BearerTokenFile"/> (one a line); empty for none.</summary>
    public IReadOnlyList<string> ReadBearerTokens() =>
        BearerToken is { Length: > 0 } token ? [token]
        : BearerTokenFile is { } path ? File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray()
        : [];
}
