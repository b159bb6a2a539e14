using System.Buffers.Text;
using System.Security.Cryptography;
using System.Runtime.InteropServices;
using System.Text.Json;
using Mandate.Core.Gateway.Authorization;

namespace Mandate.Server.Gateway.Mcp;

/// <summary>Parses a POST body: one JSON-RPC message or a batch (an array of them).</summary>
public static class JsonRpcParser
{
    private const string ProtocolVersionMetaKey = "io.modelcontextprotocol/protocolVersion";

    public static JsonRpcParseResult Parse(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            // Duplicate keys are refused: an upstream that read {"name":"read_note","name":"delete_note"} the other
            // way round from the gateway would run a tool the gateway never decided on.
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 128, AllowDuplicateProperties = false });
        }
        catch (JsonException)
        {
            return JsonRpcParseResult.Fail(GatewayErrorCodes.ParseError, "Parse error: the body is not JSON (or repeats a key).");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                return Read(root, body) is { } single
                    ? new JsonRpcParseResult([single], false, null, null)
                    : JsonRpcParseResult.Fail(GatewayErrorCodes.InvalidRequest, "Invalid request: not a JSON-RPC message.");
            }

            if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() == 0)
            {
                return JsonRpcParseResult.Fail(GatewayErrorCodes.InvalidRequest, "Invalid request: expected a JSON-RPC message or a non-empty batch.");
            }

            var messages = new List<JsonRpcMessage>(root.GetArrayLength());
            foreach (var element in root.EnumerateArray())
            {
                if (Read(element, body) is not { } message)
                {
                    return JsonRpcParseResult.Fail(GatewayErrorCodes.InvalidRequest, "Invalid request: a batch entry is not a JSON-RPC message.");
                }

                messages.Add(message);
            }

            return new JsonRpcParseResult(messages, true, null, null);
        }
    }

    /// <summary>A request, notification or response object; null when it is none of them.</summary>
    private static JsonRpcMessage? Read(JsonElement element, ReadOnlyMemory<byte> body)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        string? idJson = null;
        string? idKey = null;
        if (element.TryGetProperty("id", out var id) && id.ValueKind != JsonValueKind.Null)
        {
            idKey = JsonRpcIds.Key(id);
            if (idKey is null)
            {
                return null;
            }

            idJson = id.GetRawText();
        }

        if (!element.TryGetProperty("method", out var method))
        {
            // A response to a server request (sampling, elicitation, roots): it needs an id and a result or error.
            return idJson is not null && (element.TryGetProperty("result", out _) || element.TryGetProperty("error", out _))
                ? new JsonRpcMessage { IdJson = idJson, IdKey = idKey }
                : null;
        }

        if (method.ValueKind != JsonValueKind.String || method.GetString() is not { Length: > 0 } name)
        {
            return null;
        }

        var message = new JsonRpcMessage { IdJson = idJson, IdKey = idKey, Method = name };
        if (!element.TryGetProperty("params", out var parameters) || parameters.ValueKind != JsonValueKind.Object)
        {
            return message;
        }

        var target = StringProperty(parameters, "name");
        var isToolCall = string.Equals(name, McpCall.ToolsCall, StringComparison.OrdinalIgnoreCase);
        var hasArguments = parameters.TryGetProperty("arguments", out var arguments);
        return message with
        {
            Tool = isToolCall ? target : null,
            // Typed: `? slice : null` would turn null into an empty slice (byte[] converts to memory), and an empty
            // slice is not "no arguments" (a schema checks absent arguments as {}, an empty one as not JSON).
            Arguments = isToolCall && hasArguments ? SliceOf(body, arguments) : (ReadOnlyMemory<byte>?)null,
            RoutingName = name.StartsWith("resources/", StringComparison.Ordinal) ? StringProperty(parameters, "uri") : target,
            ArgumentsDigest = hasArguments ? Digest(arguments) : null,
            MetaProtocolVersion = parameters.TryGetProperty("_meta", out var meta) && meta.ValueKind == JsonValueKind.Object
                ? StringProperty(meta, ProtocolVersionMetaKey)
                : null,
            ProgressTokenJson = isToolCall ? ProgressToken(parameters) : null,
        };
    }

    /// <summary>params._meta.progressToken as raw JSON when it is a string or a number (MCP's two forms), else null.</summary>
    private static string? ProgressToken(JsonElement parameters) =>
        parameters.TryGetProperty("_meta", out var meta) && meta.ValueKind == JsonValueKind.Object
        && meta.TryGetProperty("progressToken", out var token) && token.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? token.GetRawText()
            : null;

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>
    /// The element's bytes as a slice of the body, not a copy: the document parses the body in place, and the body
    /// outlives the request's messages. Most calls carry no mandate and never look at their arguments again.
    /// </summary>
    private static ReadOnlyMemory<byte> SliceOf(ReadOnlyMemory<byte> body, JsonElement element)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        return body.Span.Overlaps(raw, out var offset) ? body.Slice(offset, raw.Length) : raw.ToArray();
    }

    private static string Digest(JsonElement arguments) =>
        Base64Url.EncodeToString(SHA256.HashData(JsonMarshal.GetRawUtf8Value(arguments)));
}
