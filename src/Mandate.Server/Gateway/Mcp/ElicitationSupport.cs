using System.Collections.Concurrent;
using System.Text.Json;
using Mandate.Core.Configuration;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Gateway.Mcp;

/// <summary>
/// Which clients declared URL-mode elicitation (capabilities.elicitation.url in their initialize request, MCP
/// 2025-11-25), so that a missing connection can be answered with a URL elicitation rather than a tool error. Kept per
/// gateway session, and per (upstream, subject, client) for stateless upstreams; in process memory, for
/// Gateway:SessionIdleTimeout since the last initialize.
/// </summary>
public sealed class ElicitationSupport(IOptions<MandateOptions> options, TimeProvider time)
{
    private const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<string, DateTimeOffset> declared = new(StringComparer.Ordinal);

    /// <summary>Whether a POST body holds an initialize request whose capabilities include elicitation.url.</summary>
    public static bool DeclaredIn(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().Any(Declares) : Declares(root);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public void Remember(string upstream, string subject, string clientId, string? sessionId, bool supportsUrl)
    {
        if (declared.Count >= MaxEntries)
        {
            declared.Clear();
        }

        var until = time.GetUtcNow() + options.Value.Gateway.SessionIdleTimeout;
        foreach (var key in Keys(upstream, subject, clientId, sessionId))
        {
            if (supportsUrl)
            {
                declared[key] = until;
            }
            else
            {
                declared.TryRemove(key, out _);
            }
        }
    }

    public bool Supports(string upstream, string subject, string clientId, string? sessionId)
    {
        var key = Keys(upstream, subject, clientId, sessionId)[0];
        return declared.TryGetValue(key, out var until) && until > time.GetUtcNow();
    }

    private static string[] Keys(string upstream, string subject, string clientId, string? sessionId) =>
        sessionId is null ? [Caller(upstream, subject, clientId)] : ["s " + sessionId, Caller(upstream, subject, clientId)];

    private static string Caller(string upstream, string subject, string clientId) => "c " + upstream + "\n" + subject + "\n" + clientId;

    private static bool Declares(JsonElement message) =>
        message.ValueKind == JsonValueKind.Object
        && message.TryGetProperty("method", out var method) && method.ValueKind == JsonValueKind.String && method.ValueEquals("initialize")
        && message.TryGetProperty("params", out var p) && p.ValueKind == JsonValueKind.Object
        && p.TryGetProperty("capabilities", out var capabilities) && capabilities.ValueKind == JsonValueKind.Object
        && capabilities.TryGetProperty("elicitation", out var elicitation) && elicitation.ValueKind == JsonValueKind.Object
        && elicitation.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.Object;
}
