using System.Buffers;
using System.Text.Json;
using Mandate.Core.Gateway;
using Mandate.Core.Gateway.Authorization;

namespace Mandate.Server.Gateway.Mcp;

/// <summary>
/// Rewrites the responses to tools/list requests so they list only the tools this token may call: each listing goes
/// through the tool catalog (which records new and changed definitions and returns every tool's level), then tools at
/// Deny, not callable by the token (above its scopes, or outside its mandate where one governs), or not levelled at all
/// are left out. Everything else in the JSON is kept as it was.
/// With request ids, only the responses to those requests are listings; without (a GET stream, where a resumed stream
/// may replay the answer to an earlier POST), every response whose result has a "tools" array is one.
/// </summary>
public sealed class ToolsListFilter(IToolCatalog catalog, ResolvedUpstream upstream, GatewayToken token, IReadOnlyDictionary<string, string>? requestIds)
{
    // tools/list request ids not yet answered: id key to the id as the client wrote it (null: any response).
    private readonly Dictionary<string, string>? pending = requestIds is null ? null : new(requestIds, StringComparer.Ordinal);

    /// <summary>Whether listings may still come.</summary>
    public bool IsPending => pending is null || pending.Count > 0;

    /// <summary>The ids (raw JSON) of the tools/list requests still unanswered.</summary>
    public IReadOnlyCollection<string> PendingIds => pending is null ? [] : pending.Values;

    /// <summary>The rewritten JSON, the input itself when it holds no tools/list response, or null when it is malformed.</summary>
    public async Task<ReadOnlyMemory<byte>?> RewriteAsync(ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            var elements = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : [root];
            var rewritten = new Dictionary<int, List<JsonElement>>();
            for (var i = 0; i < elements.Count; i++)
            {
                var element = elements[i];
                if (!IsListing(element) || element.TryGetProperty("error", out _))
                {
                    continue;
                }

                if (!element.TryGetProperty("result", out var result) || result.ValueKind != JsonValueKind.Object
                    || !result.TryGetProperty("tools", out var tools) || tools.ValueKind != JsonValueKind.Array)
                {
                    return null;
                }

                rewritten[i] = await AllowedToolsAsync(tools, cancellationToken);
            }

            return rewritten.Count == 0 ? json : Write(root, elements, rewritten);
        }
    }

    private bool IsListing(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("id", out var id) || JsonRpcIds.Key(id) is not { } key)
        {
            return false;
        }

        return pending is null
            ? element.TryGetProperty("result", out var result) && result.ValueKind == JsonValueKind.Object && result.TryGetProperty("tools", out _)
            : pending.Remove(key, out _);
    }

    private async Task<List<JsonElement>> AllowedToolsAsync(JsonElement tools, CancellationToken cancellationToken)
    {
        var listed = tools.EnumerateArray().ToList();
        var levels = await catalog.ReconcileAsync(upstream.Upstream, listed, cancellationToken);
        return listed.Where(tool => tool.ValueKind == JsonValueKind.Object
                && tool.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
                && levels.TryGetValue(name.GetString()!, out var level)
                && GatewayAuthorizer.MayList(token.Claims, upstream.ResourceUri, token.Scopes, name.GetString()!, level))
            .ToList();
    }

    private static ReadOnlyMemory<byte> Write(JsonElement root, List<JsonElement> elements, Dictionary<int, List<JsonElement>> rewritten)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (root.ValueKind == JsonValueKind.Array)
            {
                writer.WriteStartArray();
            }

            for (var i = 0; i < elements.Count; i++)
            {
                if (rewritten.TryGetValue(i, out var tools))
                {
                    WriteResponse(writer, elements[i], tools);
                }
                else
                {
                    elements[i].WriteTo(writer);
                }
            }

            if (root.ValueKind == JsonValueKind.Array)
            {
                writer.WriteEndArray();
            }
        }

        return buffer.WrittenMemory;
    }

    private static void WriteResponse(Utf8JsonWriter writer, JsonElement response, List<JsonElement> tools)
    {
        writer.WriteStartObject();
        foreach (var property in response.EnumerateObject())
        {
            if (property.NameEquals("result"))
            {
                writer.WriteStartObject(property.Name);
                foreach (var member in property.Value.EnumerateObject())
                {
                    if (member.NameEquals("tools"))
                    {
                        writer.WriteStartArray(member.Name);
                        tools.ForEach(t => t.WriteTo(writer));
                        writer.WriteEndArray();
                    }
                    else
                    {
                        member.WriteTo(writer);
                    }
                }

                writer.WriteEndObject();
            }
            else
            {
                property.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }
}
