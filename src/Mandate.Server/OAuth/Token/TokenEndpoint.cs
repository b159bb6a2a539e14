using Mandate.Core.OAuth.Token;
using Mandate.Server.Http;
using Mandate.Server.OAuth.ClientAuthentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.OAuth.Token;

/// <summary>POST /token: read the form, authenticate the client, run the grant, answer (RFC 6749 section 5).</summary>
public static class TokenEndpoint
{
    public const string Path = "/token";

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, HandleAsync).ExcludeFromDescription().DisableAntiforgery().RequireCors(Http.CorsPolicies.OpenProtocol);

    private static async Task HandleAsync(HttpContext context)
    {
        if (await TokenEndpointDpop.VerifyAsync(context, Path) is not { } dpop)
        {
            return;
        }

        var (form, client) = await EndpointClientAuthentication.ReadAndAuthenticateAsync(context, Path);
        if (form is null || client?.Client is null)
        {
            return;
        }

        var result = await context.RequestServices.GetRequiredService<TokenRequestProcessor>().ProcessAsync(client.Client, form, dpop.Thumbprint, context.RequestAborted);
        if (result.Response is not { } response)
        {
            await OAuthResponses.WriteErrorAsync(context, result.Error!);
            return;
        }

        await OAuthResponses.WriteJsonAsync(context, StatusCodes.Status200OK, w =>
        {
            w.WriteString("access_token", response.AccessToken);
            if (response.IssuedTokenType is not null)
            {
                w.WriteString("issued_token_type", response.IssuedTokenType);
            }

            w.WriteString("token_type", response.TokenType);
            w.WriteNumber("expires_in", response.ExpiresIn);
            if (response.RefreshToken is not null)
            {
                w.WriteString("refresh_token", response.RefreshToken);
            }

            if (!string.IsNullOrEmpty(response.Scope))
            {
                w.WriteString("scope", response.Scope);
            }

            if (response.Mandate is { } mandate)
            {
                Core.Mandates.MandateJson.WriteProperty(w, mandate);
            }
        });
    }
}
