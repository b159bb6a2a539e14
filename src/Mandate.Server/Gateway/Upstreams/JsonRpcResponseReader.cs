using System.Text;
using System.Text.Json;
using Mandate.Core.Gateway;

namespace Mandate.Server.Gateway.Upstreams;

/// <summary>
/// Finds the JSON-RPC response to one request in a Streamable HTTP response body: a JSON document, or an SSE stream
/// whose events carry notifications and requests before the response. Reads no more than the cap.
/// </summary>
internal static class JsonRpcResponseReader
{
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, long id, string method, string upstream, long cap, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > cap)
        {
            throw CappedReadStream.TooLarge(upstream, cap);
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        await using var body = new CappedReadStream(await response.Content.ReadAsStreamAsync(cancellationToken), cap, upstream);
        JsonElement? message = mediaType switch
        {
            "application/json" => await ReadJsonAsync(body, id, method, upstream, cancellationToken),
            "text/event-stream" => await ReadEventStreamAsync(body, id, cancellationToken),
            _ => throw new UpstreamToolSourceException($"Upstream '{upstream}' answered {method} with content type '{mediaType}', not JSON or an event stream."),
        };
        if (message is not { } found)
        {
            throw new UpstreamToolSourceException($"Upstream '{upstream}' did not answer {method}.");
        }

        if (found.TryGetProperty("error", out var error))
        {
            throw new UpstreamToolSourceException($"Upstream '{upstream}' refused {method}: {Describe(error)}");
        }

        return found.GetProperty("result");
    }

    private static async Task<JsonElement?> ReadJsonAsync(Stream body, long id, string method, string upstream, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            return Match(document.RootElement, id)?.Clone();
        }
        catch (JsonException ex)
        {
            throw new UpstreamToolSourceException($"Upstream '{upstream}' answered {method} with malformed JSON.", ex);
        }
    }

    private static async Task<JsonElement?> ReadEventStreamAsync(Stream body, long id, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, Encoding.UTF8);
        var data = new StringBuilder();
        while (true)
        {
            var line = await reader.ReadLineAsync(cancellationToken);
            if (line is null || line.Length == 0)
            {
                if (data.Length > 0 && Dispatch(data.ToString(), id) is { } found)
                {
                    return found;
                }

                data.Clear();
                if (line is null)
                {
                    return null;
                }

                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            if (field != "data")
            {
                continue;
            }

            var value = colon < 0 ? "" : line[(colon + 1)..];
            if (data.Length > 0)
            {
                data.Append('\n');
            }

            data.Append(value.StartsWith(' ') ? value[1..] : value);
        }
    }

    // Events that are not JSON, or carry other messages (progress, logging, server requests), are passed over.
    private static JsonElement? Dispatch(string data, long id)
    {
        try
        {
            using var document = JsonDocument.Parse(data);
            return Match(document.RootElement, id)?.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonElement? Match(JsonElement message, long id)
    {
        if (message.ValueKind == JsonValueKind.Array)
        {
            return message.EnumerateArray().Select(m => Match(m, id)).FirstOrDefault(m => m is not null);
        }

        return message.ValueKind == JsonValueKind.Object
            && message.TryGetProperty("id", out var messageId)
            && messageId.ValueKind == JsonValueKind.Number
            && messageId.TryGetInt64(out var value) && value == id
            && (message.TryGetProperty("result", out _) || message.TryGetProperty("error", out _))
            ? message
            : null;
    }

    private static string Describe(JsonElement error)
    {
        var code = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("code", out var c) ? c.GetRawText() : "?";
        var text = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "";
        return $"{(text.Length > 200 ? text[..200] + "…" : text)} (code {code})";
    }
}
