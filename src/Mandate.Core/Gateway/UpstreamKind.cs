namespace Mandate.Core.Gateway;

/// <summary>What an upstream speaks, which decides where the gateway serves it: {issuer}/mcp/{name} or {issuer}/http/{name}/...</summary>
public enum UpstreamKind
{
    /// <summary>An MCP server over Streamable HTTP; calls are JSON-RPC, decided per tool.</summary>
    Mcp = 0,

    /// <summary>A plain HTTP API behind a reverse proxy; calls are decided per method and path (<see cref="Http.HttpRule"/>).</summary>
    Http = 1,
}
