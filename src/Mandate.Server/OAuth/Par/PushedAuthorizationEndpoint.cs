using Mandate.Core.OAuth.Par;
using Mandate.Server.Http;
using Mandate.Server.OAuth.ClientAuthentication;
using Mandate.Server.OAuth.Token;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.OAuth.Par;

/// <summary>
/// POST /par (RFC 9126): authenticate the client as at /token, validate the request as /authorize will, answer 201
/// with a single-use request_uri bound to the client. Errors are token-endpoint style JSON (§2.3); other methods get 405.
/// </summary>
public static class PushedAuthorizationEndpoint
{
    public const string Path = "/par";

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, HandleAsync).ExcludeFromDescription().DisableAntiforgery();

    private static async Task HandleAsync(HttpContext context)
    {
        // RFC 9126 §2: client assertions may name the issuer, the token endpoint or the PAR endpoint as audience.
        var (form, auth) = await EndpointClientAuthentication.ReadAndAuthenticateAsync(context, Path, TokenEndpoint.Path);
        if (form is null || auth?.Client is not { } client)
        {
            return;
        }

        var result = await context.RequestServices.GetRequiredService<PushedAuthorizationService>().PushAsync(client, form, context.RequestAborted);
        if (result.Error is { } error)
        {
            await OAuthResponses.WriteErrorAsync(context, error);
            return;
        }

        await OAuthResponses.WriteJsonAsync(context, StatusCodes.Status201Created, w =>
        {
            w.WriteString("request_uri", result.RequestUri);
            w.WriteNumber("expires_in", result.ExpiresIn);
        });
    }
}
