using Mandate.Core.Gateway;
using Microsoft.AspNetCore.Http;

namespace Mandate.Server.Gateway.Mcp;

/// <summary>
/// What differs between the gateway's two front doors, {issuer}/mcp/{name} and {issuer}/http/{name}/...: which
/// upstreams they serve, how they write their own errors (JSON-RPC or problem+json), and the URI a DPoP proof's htu
/// must name (the resource URI for MCP, the whole request path for HTTP).
/// </summary>
/// <param name="WriteErrorAsync">Writes (status, JSON-RPC code, message); the HTTP surface ignores the code.</param>
public sealed record GatewaySurface(UpstreamKind Kind, Func<HttpContext, int, int, string, Task> WriteErrorAsync, Func<HttpContext, ResolvedUpstream, string> ProofUri)
{
    public static GatewaySurface Mcp { get; } = new(UpstreamKind.Mcp, (context, status, code, message) => JsonRpcErrors.WriteAsync(context, status, code, message), (_, upstream) => upstream.ResourceUri);
}
