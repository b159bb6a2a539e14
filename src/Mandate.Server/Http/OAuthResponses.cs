using System.Text.Json;
using Mandate.Protocol.OAuth;
using Microsoft.AspNetCore.Http;

namespace Mandate.Server.Http;

/// <summary>OAuth JSON responses: never cached, errors as {error, error_description} with the RFC's status code.</summary>
public static class OAuthResponses
{
    public static Task WriteErrorAsync(HttpContext context, OAuthError error, bool basicChallenge = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(error);
        var status = error.Error switch
        {
            OAuthErrorCodes.InvalidClient => StatusCodes.Status401Unauthorized,
            OAuthErrorCodes.ServerError => StatusCodes.Status500InternalServerError,
            OAuthErrorCodes.TemporarilyUnavailable => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status400BadRequest,
        };
        if (status == StatusCodes.Status401Unauthorized && basicChallenge)
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"mandate\"";
        }

        return WriteJsonAsync(context, status, writer =>
        {
            writer.WriteString("error", error.Error);
            if (error.Description is not null)
            {
                writer.WriteString("error_description", error.Description);
            }
        });
    }

    public static async Task WriteJsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> writeMembers, string contentType = "application/json", string cacheControl = "no-store")
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(writeMembers);
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = contentType;
        response.Headers.CacheControl = cacheControl;
        if (cacheControl == "no-store")
        {
            response.Headers.Pragma = "no-cache";
        }
        await using var writer = new Utf8JsonWriter(response.BodyWriter);
        writer.WriteStartObject();
        writeMembers(writer);
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }
}
