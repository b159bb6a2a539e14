using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mandate.Server.Gateway.Mcp;

/// <summary>{issuer}/mcp/{name}: the Streamable HTTP endpoint of each upstream (POST, GET, DELETE).</summary>
public static class McpGatewayEndpoint
{
    public const string Pattern = "/mcp/{name}";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost(Pattern, (HttpContext context, string name) => McpPostHandler.HandleAsync(context, name)).ExcludeFromDescription().DisableAntiforgery().RequireCors(Http.CorsPolicies.Gateway).AsGatewayEndpoint();
        endpoints.MapGet(Pattern, (HttpContext context, string name) => McpSessionHandlers.GetAsync(context, name)).ExcludeFromDescription().RequireCors(Http.CorsPolicies.Gateway).AsGatewayEndpoint();
        endpoints.MapDelete(Pattern, (HttpContext context, string name) => McpSessionHandlers.DeleteAsync(context, name)).ExcludeFromDescription().DisableAntiforgery().RequireCors(Http.CorsPolicies.Gateway).AsGatewayEndpoint();
    }
}
