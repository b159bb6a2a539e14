using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Mandate.Server.Gateway.Mcp;

/// <summary>
/// The answer to a held tools/call. Plain JSON while nothing was sent; once the client asked for progress (a
/// progressToken) it is an event stream (Streamable HTTP allows either for a POST): progress notifications while the
/// call waits, then the call's own answer as the last event.
/// </summary>
public sealed class HeldCallResponse(HttpContext context)
{
    public bool Streaming { get; private set; }

    /// <summary>Sends the head of an event stream (200, text/event-stream) now, so the client sees the wait begin.</summary>
    public async Task StartStreamAsync()
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        Streaming = true;
        await response.StartAsync(context.RequestAborted);
    }

    /// <summary>One JSON-RPC message: an SSE "message" event when streaming, else the JSON body (HTTP 200).</summary>
    public async Task WriteMessageAsync(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var buffer = new ArrayBufferWriter<byte>();
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        await WriteJsonAsync(buffer.WrittenMemory);
    }

    /// <summary>A JSON-RPC message already serialised (an upstream's JSON answer), on one line or several.</summary>
    public async Task WriteJsonAsync(ReadOnlyMemory<byte> json)
    {
        var response = context.Response;
        if (!Streaming)
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/json";
            response.Headers.CacheControl = "no-store";
            await response.Body.WriteAsync(json, context.RequestAborted);
            return;
        }

        // SSE data cannot hold a line break: each line of the JSON becomes its own data line (joined again by the reader).
        await response.Body.WriteAsync("event: message\n"u8.ToArray(), context.RequestAborted);
        foreach (var line in System.Text.Encoding.UTF8.GetString(json.Span).Split('\n'))
        {
            await response.Body.WriteAsync(System.Text.Encoding.UTF8.GetBytes("data: " + line.TrimEnd('\r') + "\n"), context.RequestAborted);
        }

        await response.Body.WriteAsync("\n"u8.ToArray(), context.RequestAborted);
        await response.Body.FlushAsync(context.RequestAborted);
    }

    /// <summary>Copies an upstream's event stream into this one as it arrives (its events are already JSON-RPC messages).</summary>
    public async Task CopyEventsAsync(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
