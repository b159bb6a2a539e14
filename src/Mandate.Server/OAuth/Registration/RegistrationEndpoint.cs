using System.Text.Json;

using Mandate.Core.Clients;
using Mandate.Protocol.OAuth;
using Mandate.Server.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.OAuth.Registration;

/// <summary>
/// POST /register (RFC 7591), kept for MCP clients that predate client ID metadata documents. Registered clients may
/// use authorization_code and refresh_token only; client_credentials is for operator-registered clients.
/// </summary>
public static class RegistrationEndpoint
{
    public const string Path = "/register";
    private const int MaxBodyBytes = 16 * 1024;

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, HandleAsync).ExcludeFromDescription().DisableAntiforgery().RequireRateLimiting(RateLimits.Registration).RequireCors(CorsPolicies.OpenProtocol);

    private static async Task HandleAsync(HttpContext context)
    {
        if (context.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            await OAuthResponses.WriteErrorAsync(context, OAuthError.InvalidRequest("The body must be application/json."));
            return;
        }

        ClientMetadata? metadata;
        try
        {
            BodyLimits.Limit(context, MaxBodyBytes);
            metadata = await JsonSerializer.DeserializeAsync(context.Request.Body, ServerJsonContext.Default.ClientMetadata, context.RequestAborted);
        }
        catch (BadHttpRequestException)
        {
            await OAuthResponses.WriteErrorAsync(context, OAuthError.InvalidRequest("The registration request is too large."));
            return;
        }
        catch (JsonException)
        {
            await OAuthResponses.WriteErrorAsync(context, new OAuthError(OAuthErrorCodes.InvalidClientMetadata, "The body is not valid client metadata JSON."));
            return;
        }

        if (metadata is null)
        {
            await OAuthResponses.WriteErrorAsync(context, new OAuthError(OAuthErrorCodes.InvalidClientMetadata, "The body is empty."));
            return;
        }

        var registration = await context.RequestServices.GetRequiredService<ClientRegistrationService>()
            .RegisterAsync(metadata, ClientSource.Dynamic, context.RequestAborted);
        if (registration.Client is not { } client)
        {
            await OAuthResponses.WriteErrorAsync(context, registration.Error!);
            return;
        }

        await OAuthResponses.WriteJsonAsync(context, StatusCodes.Status201Created, w => ClientJson.Write(w, client, registration.Secret));
    }
}
