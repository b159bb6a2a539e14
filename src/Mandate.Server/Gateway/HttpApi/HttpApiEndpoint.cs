using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mandate.Server.Gateway.HttpApi;

/// <summary>{issuer}/http/{name}/{**path}: each HTTP API upstream, every method, behind the gateway.</summary>
public static class HttpApiEndpoint
{
    public const string Prefix = "/http/{name}";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.Map(Prefix, (HttpContext context, string name) => HttpApiHandler.HandleAsync(context, name)).ExcludeFromDescription().DisableAntiforgery().RequireCors(Mandate.Server.Http.CorsPolicies.Gateway).AsGatewayEndpoint();
        endpoints.Map(Prefix + "/{**path}", (HttpContext context, string name) => HttpApiHandler.HandleAsync(context, name)).ExcludeFromDescription().DisableAntiforgery().RequireCors(Mandate.Server.Http.CorsPolicies.Gateway).AsGatewayEndpoint();
    }
}
