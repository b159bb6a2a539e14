using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace Mandate.Server.Gateway.Mcp;

/// <summary>Reads a POST body up to a limit; the gateway must see the whole JSON-RPC message to decide.</summary>
public static class RequestBodyReader
{
    /// <summary>The body, or null when it is larger than <paramref name="maxBytes"/> (the caller answers 413).</summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpRequest request, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        if (request.ContentLength is { } length)
        {
            return await ReadKnownLengthAsync(request, (int)length);
        }

        // Chunked: grow as the body comes, a little at a time (most JSON-RPC messages are a few hundred bytes).
        var body = new ArrayBufferWriter<byte>(1024);
        int read;
        while ((read = await request.Body.ReadAsync(body.GetMemory(1024), request.HttpContext.RequestAborted)) > 0)
        {
            body.Advance(read);
            if (body.WrittenCount > maxBytes)
            {
                return null;
            }
        }

        return body.WrittenMemory;
    }

    /// <summary>Exactly Content-Length bytes into one array (Kestrel ends the body there; a short body is what arrived).</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadKnownLengthAsync(HttpRequest request, int length)
    {
        var buffer = new byte[length];
        var filled = 0;
        int read;
        while (filled < length && (read = await request.Body.ReadAsync(buffer.AsMemory(filled), request.HttpContext.RequestAborted)) > 0)
        {
            filled += read;
        }

        return buffer.AsMemory(0, filled);
    }
}
