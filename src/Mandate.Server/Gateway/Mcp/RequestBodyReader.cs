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

        var body = new ArrayBufferWriter<byte>((int)Math.Clamp(request.ContentLength ?? 4096, 256, maxBytes));
        int read;
        while ((read = await request.Body.ReadAsync(body.GetMemory(8 * 1024), request.HttpContext.RequestAborted)) > 0)
        {
            body.Advance(read);
            if (body.WrittenCount > maxBytes)
            {
                return null;
            }
        }

        return body.WrittenMemory;
    }
}
