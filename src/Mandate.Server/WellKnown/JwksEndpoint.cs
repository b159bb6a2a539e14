using Mandate.Core.Keys;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.WellKnown;

/// <summary>The public signing keys (RFC 7517), including the next key before it signs and retired keys until their tokens expire.</summary>
public static class JwksEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/jwks", async (HttpContext context) =>
        {
            var keys = context.RequestServices.GetRequiredService<KeyRing>();
            context.Response.ContentType = "application/jwk-set+json";
            context.Response.Headers.CacheControl = "public, max-age=300";
            await context.Response.Body.WriteAsync(keys.JwksJson, context.RequestAborted);
        }).ExcludeFromDescription().RequireCors(Http.CorsPolicies.OpenProtocol);
}
