using Microsoft.AspNetCore.Http;

namespace Mandate.Server.Http;

/// <summary>
/// Headers on every response: no framing (clickjacking of the consent page), no sniffing, no referrer (URLs carry
/// codes and state), and a CSP that allows only our own scripts and styles. form-action is left open on purpose:
/// browsers apply it to the redirect after the consent form, which goes to the client.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self' https: data:; frame-ancestors 'none'; base-uri 'none'";
        return next(context);
    }
}
