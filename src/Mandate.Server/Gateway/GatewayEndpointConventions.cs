using Microsoft.AspNetCore.Builder;

namespace Mandate.Server.Gateway;

/// <summary>Conventions shared by the gateway's proxy endpoints.</summary>
public static class GatewayEndpointConventions
{
    /// <summary>Marks the endpoint as a gateway endpoint (<see cref="GatewayEndpointMarker"/>).</summary>
    public static TBuilder AsGatewayEndpoint<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WithMetadata(GatewayEndpointMarker.Instance);
        return builder;
    }
}
