using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Mandate.Server.Gateway;

/// <summary>
/// Marks the gateway's proxy endpoints. They authenticate every caller themselves (bearer or DPoP token, per upstream)
/// and use no cookie, session or form, so the site's cookie authentication, authorization and antiforgery middleware
/// are skipped for them: work on every proxied call that could never change its outcome.
/// </summary>
public sealed class GatewayEndpointMarker
{
    public static readonly GatewayEndpointMarker Instance = new();

    private GatewayEndpointMarker()
    {
    }

    /// <summary>Whether the request was routed to a gateway endpoint (after routing).</summary>
    public static bool IsGateway(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GetEndpoint()?.Metadata.GetMetadata<GatewayEndpointMarker>() is not null;
    }
}
