using System.Text.Json;

namespace Mandate.LoadHarness.Load;

/// <summary>
/// Finds the JSON-RPC response in the answer to an MCP POST: the whole body (application/json), or the data of the
/// first SSE event that is a response (text/event-stream; notifications before it are skipped).
/// </summary>
internal static class JsonRpcResponseBody
{
    public const string EventStream = "text/event-stream";

    /// <summary>Null when the body holds a JSON-RPC result; otherwise why not.</summary>
    public static string? FindFailure(ReadOnlySpan<byte> body, string? mediaType)
    {
        if (!string.Equals(mediaType, EventStream, StringComparison.OrdinalIgnoreCase))
        {
            return Judge(body) ?? "not a JSON-RPC response";
        }

        foreach (var data in SseData.Events(body))
        {
            if (Judge(data.Span) is { } verdict)
            {
                return verdict.Length == 0 ? null : verdict;
            }
        }

        return "no JSON-RPC response in the event stream";
    }

    /// <summary>"" for a result, an error description, or null when this is not a response (a notification, or not JSON).</summary>
    private static string? Judge(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("result"u8))
                {
                    return string.Empty;
                }

                if (reader.ValueTextEquals("error"u8))
                {
                    return "JSON-RPC error";
                }

                reader.Read();
                reader.Skip();
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
