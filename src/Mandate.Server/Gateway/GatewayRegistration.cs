using Mandate.Core.Gateway.Authorization;
using Mandate.Core.Gateway.Sessions;
using Mandate.Server.Gateway.Mcp;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Mandate.Server.Gateway;

/// <summary>
/// The gateway's request pipelines (MCP at /mcp/{name}, HTTP APIs at /http/{name}/...). The stores and policy it relies on (IUpstreamStore, IToolCatalog,
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
        services.AddHttpForwarder();

        // YARP logs every upstream URL it proxies to at Information, and that URL can hold a person's credential
        // (--as query:NAME) or the caller's query values: its forwarder logs warnings and errors only.
        services.Configure<LoggerFilterOptions>(o => o.Rules.Add(new LoggerFilterRule(null, "Yarp.ReverseProxy.Forwarder.HttpForwarder", LogLevel.Warning, null)));
        services.AddSingleton<HttpApi.HttpApiForwarder>();
        return services;
    }

    /// <param name="issuerPath">The issuer's path ("" or e.g. "/tenant"), for the RFC 9728 well-known paths.</param>
    public static IEndpointRouteBuilder MapMandateGateway(this IEndpointRouteBuilder endpoints, string issuerPath)
    {
        McpGatewayEndpoint.Map(endpoints);
        HttpApi.HttpApiEndpoint.Map(endpoints);
        ProtectedResourceMetadataEndpoint.Map(endpoints, issuerPath);
        return endpoints;
    }
}
