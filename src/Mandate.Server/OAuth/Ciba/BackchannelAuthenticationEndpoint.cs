using Mandate.Core.OAuth.Ciba;
using Mandate.Server.Http;
using Mandate.Server.OAuth.ClientAuthentication;
using Mandate.Server.OAuth.Token;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.OAuth.Ciba;

/// <summary>
/// POST /bc-authorize (CIBA Core 1.0 section 7): authenticate the client as at /token, validate, create the approval
/// request, answer 200 with auth_req_id, expires_in and (poll mode) interval. Errors are token-endpoint style JSON
/// (section 13).
/// </summary>
public static class BackchannelAuthenticationEndpoint
{
    public const string Path = "/bc-authorize";

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, HandleAsync).ExcludeFromDescription().DisableAntiforgery();

    private static async Task HandleAsync(HttpContext context)
    {
        // Section 7.1: a client assertion's audience is the OP's issuer; the token or this endpoint's URL are accepted too.
        var (form, auth) = await EndpointClientAuthentication.ReadAndAuthenticateAsync(context, Path, TokenEndpoint.Path);
        if (form is null || auth?.Client is not { } client)
        {
            return;
        }

        var result = await context.RequestServices.GetRequiredService<BackchannelAuthenticationService>().StartAsync(client, form, context.RequestAborted);
        if (result.Error is { } error)
        {
            await OAuthResponses.WriteErrorAsync(context, error);
            return;
        }

        await OAuthResponses.WriteJsonAsync(context, StatusCodes.Status200OK, w =>
        {
            w.WriteString("auth_req_id", result.AuthReqId);
            w.WriteNumber("expires_in", result.ExpiresIn);
            if (result.Interval is { } interval)
            {
                w.WriteNumber("interval", interval);
            }
        });
    }
}
