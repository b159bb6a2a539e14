using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Mandate.Server.Gateway.Mcp;

/// <summary>Copies an upstream response to the client: status, allow-listed headers, and the body as it arrives.</summary>
public static class ResponseRelay
{
    /// <param name="sessionId">The Mcp-Session-Id the client sees (the gateway's), if any.</param>
    public static void CopyHead(HttpContext context, HttpResponseMessage upstream, string? sessionId)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(upstream);
        var response = context.Response;
        response.StatusCode = (int)upstream.StatusCode;
        foreach (var name in McpHeaders.ForwardedResponseHeaders)
        {
            if (upstream.Headers.TryGetValues(name, out var values) || upstream.Content.Headers.TryGetValues(name, out values))
            {
                response.Headers[name] = values.ToArray();
            }
        }

        if (sessionId is not null)
        {
            response.Headers[McpHeaders.SessionId] = sessionId;
        }

        if (IsEventStream(upstream))
        {
            // Proxies in front of Mandate must not hold events back either.
            response.Headers["X-Accel-Buffering"] = "no";
            response.Headers.CacheControl = "no-cache";
        }

        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
    }

    public static bool IsEventStream(HttpResponseMessage upstream)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        return upstream.Content.Headers.ContentType?.MediaType is "text/event-stream";
    }

    /// <summary>Streams the body through, flushing after every read so each SSE event reaches the client at once.</summary>
    public static async Task CopyBodyAsync(HttpContext context, HttpResponseMessage upstream)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(upstream);
        var aborted = context.RequestAborted;

        // Send the head now: a GET stream may be quiet for minutes, and the client is waiting for the 200.
        await context.Response.StartAsync(aborted);
        await context.Response.Body.FlushAsync(aborted);
        await using var source = await upstream.Content.ReadAsStreamAsync(aborted);
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer, aborted)) > 0)
            {
                await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), aborted);
                await context.Response.Body.FlushAsync(aborted);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
