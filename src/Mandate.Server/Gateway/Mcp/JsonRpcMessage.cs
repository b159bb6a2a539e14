using Mandate.Core.Gateway.Authorization;

namespace Mandate.Server.Gateway.Mcp;

/// <summary>
/// One JSON-RPC message of a POST body, read just enough to decide and audit: the method, the id, the name a
/// tools/call, prompts/get or resources/* request targets, and a digest of its arguments (never the arguments).
/// </summary>
public sealed record JsonRpcMessage
{
    /// <summary>The id as written (raw JSON), or null for a notification.</summary>
    public string? IdJson { get; init; }

    /// <summary>The id in a form that compares equal to the upstream's echo of it (see <see cref="JsonRpcIds"/>).</summary>
    public string? IdKey { get; init; }

    /// <summary>Null for a client's response to a server request.</summary>
    public string? Method { get; init; }

    /// <summary>params.name of a tools/call.</summary>
    public string? Tool { get; init; }

    /// <summary>What the Mcp-Name header mirrors: params.name (tools/call, prompts/get) or params.uri (resources/*).</summary>
    public string? RoutingName { get; init; }

    /// <summary>SHA-256 (base64url) of params.arguments exactly as sent.</summary>
    public string? ArgumentsDigest { get; init; }

    /// <summary>
    /// params.arguments of a tools/call as sent: a slice of the request body, not a copy (only a mandate's argument
    /// schema and record-arguments read it); never stored or logged otherwise.
    /// </summary>
    public ReadOnlyMemory<byte>? Arguments { get; init; }

    /// <summary>params._meta["io.modelcontextprotocol/protocolVersion"] (2026-07-28 and later).</summary>
    public string? MetaProtocolVersion { get; init; }

    /// <summary>params._meta.progressToken of a tools/call as raw JSON (a string or a number): the client wants progress notifications.</summary>
    public string? ProgressTokenJson { get; init; }

    public bool IsRequest => Method is not null && IdJson is not null;

    public McpCall ToCall() => new(Method, Tool) { Arguments = Arguments };
}
