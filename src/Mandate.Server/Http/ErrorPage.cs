using System.Text.Encodings.Web;
using Mandate.Protocol.OAuth;
using Microsoft.AspNetCore.Http;

namespace Mandate.Server.Http;

/// <summary>
/// The page shown when an authorization error cannot go back to the client (unknown client, unregistered redirect
/// URI): redirecting there would make Mandate an open redirector.
/// </summary>
public static class ErrorPage
{
    public static async Task WriteAsync(HttpContext context, OAuthError error, int status = StatusCodes.Status400BadRequest)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(error);
        var html = HtmlEncoder.Default;
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Authorization error - Mandate</title><link rel="stylesheet" href="{html.Encode(context.Request.PathBase + "/assets/site.css")}"></head>
            <body><main class="card"><h1>This request cannot be completed</h1>
            <p class="error-code">{html.Encode(error.Error)}</p>
            <p>{html.Encode(error.Description ?? "The application sent a request Mandate cannot accept.")}</p>
            <p class="muted">You were not sent back to the application because its address could not be verified. You can close this page.</p>
            </main></body></html>
            """;
        await context.Response.WriteAsync(body, context.RequestAborted);
    }
}
