using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Mandate.Server.Gateway.Mcp;

/// <summary>
/// Relays a response that answers tools/list requests, through <see cref="ToolsListFilter"/>. JSON is buffered (up to
/// Gateway:MaxToolsListBytes), filtered, then sent; an unreadable one is a 502 before anything is sent. SSE is relayed
/// event by event: only the event carrying a tools/list response is rewritten, every other one passes unchanged and is
/// flushed at once; an unreadable event while a listing is awaited ends the stream with a JSON-RPC error instead
/// (never an unfiltered listing).
/// </summary>
public static class ToolsListRelay
{
    /// <summary>Reads and filters a JSON body; null when it is too large or malformed (the caller answers 502).</summary>
    public static async Task<ReadOnlyMemory<byte>?> FilterJsonAsync(HttpResponseMessage upstream, ToolsListFilter filter, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        ArgumentNullException.ThrowIfNull(filter);
        await using var source = await upstream.Content.ReadAsStreamAsync(cancellationToken);
        var body = new ArrayBufferWriter<byte>();
        int read;
        while ((read = await source.ReadAsync(body.GetMemory(16 * 1024), cancellationToken)) > 0)
        {
            body.Advance(read);
            if (body.WrittenCount > maxBytes)
            {
                return null;
            }
        }

        return await filter.RewriteAsync(body.WrittenMemory, cancellationToken);
    }

    /// <summary>Relays an event stream (head already sent); false when it had to be cut short for a malformed listing.</summary>
    public static async Task<bool> RelayEventsAsync(HttpContext context, HttpResponseMessage upstream, ToolsListFilter filter, long maxEventBytes)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(upstream);
        ArgumentNullException.ThrowIfNull(filter);
        var aborted = context.RequestAborted;
        var body = context.Response.Body;
        await context.Response.StartAsync(aborted);
        await context.Response.Body.FlushAsync(aborted);
        await using var source = await upstream.Content.ReadAsStreamAsync(aborted);
        await using var events = new SseEventReader(source, maxEventBytes);
        while (filter.IsPending)
        {
            SseEvent? next;
            try
            {
                next = await events.ReadAsync(aborted);
            }
            catch (InvalidDataException)
            {
                await WriteErrorsAsync(body, filter, aborted);
                return false;
            }

            if (next is null)
            {
                return true;
            }

            var output = next.Raw;
            if (!string.IsNullOrEmpty(next.Data))
            {
                ReadOnlyMemory<byte> data = Encoding.UTF8.GetBytes(next.Data);
                var rewritten = await filter.RewriteAsync(data, aborted);
                if (rewritten is null)
                {
                    await WriteErrorsAsync(body, filter, aborted);
                    return false;
                }

                // RewriteAsync hands back the very same memory when the event holds no tools/list response.
                output = rewritten.Value.Equals(data) ? next.Raw : Replace(next.Raw, rewritten.Value);
            }

            await body.WriteAsync(output, aborted);
            await body.FlushAsync(aborted);
        }

        await events.CopyRestAsync(body, aborted);
        return true;
    }

    /// <summary>The event with its data lines replaced by one line of new data; other fields (id, event, retry) kept.</summary>
    private static ReadOnlyMemory<byte> Replace(ReadOnlyMemory<byte> raw, ReadOnlyMemory<byte> data)
    {
        var text = Encoding.UTF8.GetString(raw.Span);
        var builder = new StringBuilder();
        var dataWritten = false;
        foreach (var line in text.Split('\n'))
        {
            var content = line.TrimEnd('\r');
            if (content.StartsWith("data:", StringComparison.Ordinal))
            {
                if (!dataWritten)
                {
                    builder.Append("data: ").Append(Encoding.UTF8.GetString(data.Span)).Append('\n');
                    dataWritten = true;
                }
            }
            else if (content.Length > 0)
            {
                builder.Append(content).Append('\n');
            }
        }

        return Encoding.UTF8.GetBytes(builder.Append('\n').ToString());
    }

    private static async Task WriteErrorsAsync(Stream body, ToolsListFilter filter, CancellationToken cancellationToken)
    {
        foreach (var id in filter.PendingIds.ToList())
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                JsonRpcErrors.WriteError(writer, id, GatewayErrorCodes.UpstreamFailed, "Bad gateway: the upstream's tools/list response could not be read.");
            }

            await body.WriteAsync(Encoding.UTF8.GetBytes("event: message\ndata: "), cancellationToken);
            await body.WriteAsync(buffer.WrittenMemory, cancellationToken);
            await body.WriteAsync("\n\n"u8.ToArray(), cancellationToken);
        }

        await body.FlushAsync(cancellationToken);
    }
}
