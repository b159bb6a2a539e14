using Mandate.Core.Gateway.Authorization;
using Mandate.Core.Gateway.Sessions;
using Mandate.Server.Gateway.Mcp;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mandate.Server.Gateway;

/// <summary>
/// The MCP gateway's request pipeline. The stores and policy it relies on (IUpstreamStore, IToolCatalog,
/// IUpstreamToolSource, IAuditSink) are registered with the rest of Core and storage.
/// </summary>
public static class GatewayRegistration
{
    public static IServiceCollection AddMandateGateway(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<IGatewaySessionStore, InMemoryGatewaySessionStore>();
        services.AddSingleton<GatewayTokenValidator>();
        services.AddSingleton<GatewayProofCheck>();
        services.AddSingleton<ToolListFetches>();
        services.AddSingleton<ToolApprovals>();
        services.AddSingleton<GatewayAuthorizer>();
        services.AddSingleton<UpstreamResolver>();
        services.AddSingleton<OriginCheck>();
        services.AddSingleton<GatewayRateLimiter>();
        services.AddSingleton<UpstreamForwarder>();
        services.AddSingleton<GatewayAudit>();
        services.AddSingleton<ElicitationSupport>();
        services.AddSingleton<Credentials.UpstreamCredentials>();
        services.AddSingleton<Credentials.UpstreamDpopNonces>();
        return services;
    }

    /// <param name="issuerPath">The issuer's path ("" or e.g. "/tenant"), for the RFC 9728 well-known paths.</param>
    public static IEndpointRouteBuilder MapMandateGateway(this IEndpointRouteBuilder endpoints, string issuerPath)
    {
        McpGatewayEndpoint.Map(endpoints);
        ProtectedResourceMetadataEndpoint.Map(endpoints, issuerPath);
        return endpoints;
    }
}
