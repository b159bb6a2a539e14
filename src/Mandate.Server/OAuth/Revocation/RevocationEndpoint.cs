using Mandate.Core.OAuth.Revocation;
using Mandate.Protocol.OAuth;
using Mandate.Server.Http;
using Mandate.Server.OAuth.ClientAuthentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.OAuth.Revocation;

/// <summary>POST /revoke (RFC 7009): 200 whether or not the token was valid or known.</summary>
public static class RevocationEndpoint
{
    public const string Path = "/revoke";

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, HandleAsync).ExcludeFromDescription().DisableAntiforgery().RequireCors(Http.CorsPolicies.OpenProtocol);

    private static async Task HandleAsync(HttpContext context)
    {
        var (form, auth) = await EndpointClientAuthentication.ReadAndAuthenticateAsync(context, Path);
        if (form is null || auth?.Client is not { } client)
        {
            return;
        }

        var token = form["token"];
        if (token is null || form.IsRepeated("token"))
        {
            await OAuthResponses.WriteErrorAsync(context, OAuthError.InvalidRequest("token is required."));
            return;
        }

        // An unknown hint is ignored and every token type searched (RFC 7009 section 2.1).
        var hint = form["token_type_hint"] is "access_token" or "refresh_token" ? form["token_type_hint"] : null;

        await context.RequestServices.GetRequiredService<RevocationService>().RevokeAsync(client, token, hint, context.RequestAborted);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.Headers.CacheControl = "no-store";
    }
}
