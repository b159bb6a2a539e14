using Mandate.Core.Gateway;
using Mandate.Server.Gateway.Mcp;

namespace Mandate.Server.Gateway.HttpApi;

/// <summary>The HTTP API front door: HTTP upstreams only, problem+json errors, DPoP proofs naming the request's own URL.</summary>
public static class HttpApiSurface
{
    public static GatewaySurface Instance { get; } = new(
        UpstreamKind.Http,
        (context, status, _, message) => HttpProblem.WriteAsync(context, status, message),
        (context, upstream) => new Uri(upstream.ResourceUri).GetLeftPart(UriPartial.Authority) + HttpApiRequestPath.RawPath(context));
}
