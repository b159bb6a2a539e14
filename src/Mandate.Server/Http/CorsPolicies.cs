using Mandate.Protocol.Dpop;
using Mandate.Server.Gateway.Mcp;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.Http;

/// <summary>
/// CORS for browser-based clients (an MCP client in a web page, such as MCP Inspector). The discovery documents, the
/// JWKS, /token, /register and /revoke are open to any origin without credentials: they carry no cookies and every
/// request proves itself (PKCE, client authentication), so CORS adds no protection there, only reach. The gateway
/// answers CORS only for the origins its DNS-rebinding check already allows. /authorize, the pages and /introspect
/// get no CORS headers.
/// </summary>
public static class CorsPolicies
{
    public const string OpenProtocol = "mandate-open-protocol";
    public const string Gateway = "mandate-gateway";

    private static readonly string[] ExposedByProtocol = ["WWW-Authenticate", DpopConstants.NonceHeader];
    private static readonly string[] ExposedByGateway = [McpHeaders.SessionId, "WWW-Authenticate", DpopConstants.NonceHeader, "Mandate-Audit-Id", "Retry-After"];

    public static IServiceCollection AddMandateCors(this IServiceCollection services)
    {
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<OriginCheck>((options, origins) =>
        {
            options.AddPolicy(OpenProtocol, policy => policy
                .AllowAnyOrigin()
                .WithMethods("GET", "POST")
                .WithHeaders("Authorization", "Content-Type", DpopConstants.ProofHeader, "MCP-Protocol-Version")
                .WithExposedHeaders(ExposedByProtocol)
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10)));
            options.AddPolicy(Gateway, policy => policy
                .SetIsOriginAllowed(origins.IsAllowedOrigin)
                .WithMethods("GET", "POST", "DELETE")
                .AllowAnyHeader()
                .WithExposedHeaders(ExposedByGateway)
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10)));
        });
        return services;
    }
}
