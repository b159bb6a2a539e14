using Mandate.Core.Configuration;
using Mandate.Core.Dpop;
using Mandate.Core.Gateway;
using Mandate.Core.Resources;
using Mandate.Server.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Gateway.Mcp;

/// <summary>
/// RFC 9728 protected resource metadata for each upstream, at the path-inserted form of its resource URI
/// (/.well-known/oauth-protected-resource{issuer-path}/mcp/{name}, or .../http/{name} for an HTTP API), and at the root form when there is exactly one
/// upstream (a client that only knows the host then still finds the right one; with several it would be a guess).
/// </summary>
public static class ProtectedResourceMetadataEndpoint
{
    public const string WellKnown = "/.well-known/oauth-protected-resource";

    public static void Map(IEndpointRouteBuilder endpoints, string issuerPath)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(issuerPath);

        // These paths do not start with the issuer path, so UsePathBase leaves them alone: PathBase must be empty.
        endpoints.MapGet(WellKnown + issuerPath + McpGatewayEndpoint.Pattern, (HttpContext context, string name) => ForUpstreamAsync(context, name, UpstreamKind.Mcp)).ExcludeFromDescription().RequireCors(Http.CorsPolicies.OpenProtocol);
        endpoints.MapGet(WellKnown + issuerPath + "/http/{name}", (HttpContext context, string name) => ForUpstreamAsync(context, name, UpstreamKind.Http)).ExcludeFromDescription().RequireCors(Http.CorsPolicies.OpenProtocol);
        endpoints.MapGet(WellKnown, RootAsync).ExcludeFromDescription().RequireCors(Http.CorsPolicies.OpenProtocol);
        if (issuerPath.Length > 0)
        {
            endpoints.MapGet(WellKnown + issuerPath, RootAsync).ExcludeFromDescription().RequireCors(Http.CorsPolicies.OpenProtocol);
        }
    }

    private static async Task ForUpstreamAsync(HttpContext context, string name, UpstreamKind kind)
    {
        var upstream = context.Request.PathBase.HasValue ? null
            : await context.RequestServices.GetRequiredService<UpstreamResolver>().FindAsync(name, context.RequestAborted);
        await WriteAsync(context, upstream?.Upstream.Kind == kind ? upstream : null);
    }

    private static async Task RootAsync(HttpContext context)
    {
        var upstreams = context.Request.PathBase.HasValue ? []
            : await context.RequestServices.GetRequiredService<UpstreamResolver>().ListAsync(context.RequestAborted);
        await WriteAsync(context, upstreams.Count == 1 ? upstreams[0] : null);
    }

    private static async Task WriteAsync(HttpContext context, ResolvedUpstream? upstream)
    {
        if (upstream is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var services = context.RequestServices;
        var settings = services.GetRequiredService<IOptions<MandateOptions>>().Value;
        var issuer = settings.Issuer;
        var requireDpop = settings.Gateway.RequireDpop;
        var dpopAlgorithms = services.GetRequiredService<DpopProofVerifier>().Algorithms;
        var resource = await services.GetRequiredService<IResourceStore>().FindAsync(upstream.ResourceUri, context.RequestAborted);
        await OAuthResponses.WriteJsonAsync(context, StatusCodes.Status200OK, w =>
        {
            w.WriteString("resource", upstream.ResourceUri);
            w.WriteStartArray("authorization_servers");
            w.WriteStringValue(issuer);
            w.WriteEndArray();
            w.WriteStartArray("scopes_supported");
            foreach (var scope in GatewayScopes.All)
            {
                w.WriteStringValue(scope);
            }

            w.WriteEndArray();
            w.WriteStartArray("bearer_methods_supported");
            w.WriteStringValue("header");
            w.WriteEndArray();
            w.WriteString("resource_name", resource?.Name ?? (upstream.Upstream.Kind == UpstreamKind.Http ? $"HTTP API \"{upstream.Name}\"" : $"MCP server \"{upstream.Name}\""));
            w.WriteStringArray("dpop_signing_alg_values_supported", dpopAlgorithms);
            w.WriteBoolean("dpop_bound_access_tokens_required", requireDpop);
        }, cacheControl: "public, max-age=60");
    }
}
