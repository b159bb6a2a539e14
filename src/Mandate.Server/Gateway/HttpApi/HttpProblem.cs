using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Mandate.Server.Gateway.HttpApi;

/// <summary>
/// RFC 9457 problem details, the HTTP gateway's own answers (the upstream's answers pass as they are). Never carries a
/// token, a credential or the upstream's body.
/// </summary>
public static class HttpProblem
{
    public const string ContentType = "application/problem+json";

    /// <summary>The type of a refusal because the person's connection is missing or must be renewed.</summary>
    public const string ConnectionRequiredType = "urn:mandate:problem:connection-required";

    public static async Task WriteAsync(HttpContext context, int status, string title, string detail, string type = "about:blank", Action<Utf8JsonWriter>? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.Response;
        if (response.HasStarted)
        {
            return;
        }

        response.StatusCode = status;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-store";
        await using var writer = new Utf8JsonWriter(response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteString("type", type);
        writer.WriteString("title", title);
        writer.WriteNumber("status", status);
        writer.WriteString("detail", detail);
        extensions?.Invoke(writer);
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }

    /// <summary>The title for the gateway's own statuses.</summary>
    public static string Title(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "Bad request",
        StatusCodes.Status403Forbidden => "Forbidden",
        StatusCodes.Status413PayloadTooLarge => "Content too large",
        StatusCodes.Status429TooManyRequests => "Too many requests",
        StatusCodes.Status502BadGateway => "Bad gateway",
        StatusCodes.Status503ServiceUnavailable => "Service unavailable",
        StatusCodes.Status504GatewayTimeout => "Gateway timeout",
        _ => "Error",
    };

    /// <summary>Status and message, title from the status (the JSON-RPC-style code of the shared front door is not used).</summary>
    public static Task WriteAsync(HttpContext context, int status, string detail) => WriteAsync(context, status, Title(status), detail);
}
