using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Mandate.Client.Mcp;

/// <summary>
/// tools/call through Mandate's gateway, aware of approval-gated tools: the call carries a progressToken, so the
/// gateway streams progress while it holds the call for a person's approval; each such notice (its
/// <c>_meta["io.mandate/approval"]</c>) reaches <c>onHeld</c>; a call the person denies, or nobody approves in time,
/// throws <see cref="ToolCallNotApprovedException"/> instead of returning a tool error. Other tool errors are
/// returned as they are.
/// </summary>
public static class ApprovalAwareToolCalls
{
    /// <summary>The <c>_meta</c> key the gateway's approval notices carry.</summary>
    public const string MetaKey = "io.mandate/approval";

    /// <summary>Calls a tool, reporting when it is held for approval.</summary>
    /// <param name="client">A connected MCP client (for instance over <see cref="McpTransportExtensions.CreateMcpTransport(HttpClient, Uri, bool, Microsoft.Extensions.Logging.ILoggerFactory?)"/>).</param>
    /// <param name="tool">The tool's name.</param>
    /// <param name="arguments">The tool's arguments.</param>
    /// <param name="onHeld">Called when the gateway holds the call, and again with each progress notice while it waits; may be null.</param>
    /// <param name="cancellationToken">Cancels the call (the gateway then closes the approval request).</param>
    /// <returns>The tool's result.</returns>
    /// <exception cref="ToolCallNotApprovedException">The person denied the call, or nobody approved it in time; it was not made.</exception>
    public static async Task<CallToolResult> CallToolWithApprovalAsync(this McpClient client, string tool, IReadOnlyDictionary<string, object?>? arguments, Action<HeldForApproval>? onHeld, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(tool);
        var token = "mandate-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        var handler = client.RegisterNotificationHandler(NotificationMethods.ProgressNotification, (notification, _) =>
        {
            if (onHeld is not null && Held(notification.Params, token) is { } held)
            {
                onHeld(held);
            }

            return ValueTask.CompletedTask;
        });
        await using var unregister = handler.ConfigureAwait(false);
        var request = new CallToolRequestParams
        {
            Name = tool,
            Arguments = arguments?.ToDictionary(a => a.Key, a => System.Text.Json.JsonSerializer.SerializeToElement(a.Value, ModelContextProtocol.McpJsonUtilities.DefaultOptions.GetTypeInfo(a.Value?.GetType() ?? typeof(object))), StringComparer.Ordinal),
            Meta = new JsonObject { ["progressToken"] = token },
        };
        var result = await client.CallToolAsync(request, cancellationToken).ConfigureAwait(false);
        if (result.IsError == true && result.Meta?[MetaKey] is JsonObject approval && approval["status"]?.GetValue<string>() is "denied" or "expired")
        {
            var text = result.Content.OfType<TextContentBlock>().FirstOrDefault()?.Text ?? $"The call of {tool} was not approved.";
            throw new ToolCallNotApprovedException(tool, approval["id"]?.GetValue<string>() ?? string.Empty, approval["status"]!.GetValue<string>(), text);
        }

        return result;
    }

    /// <summary>The approval notice in a progress notification for this call's token, or null.</summary>
    private static HeldForApproval? Held(JsonNode? parameters, string token)
    {
        if (parameters is not JsonObject p || p["progressToken"] is not JsonValue sent || !sent.TryGetValue<string>(out var value) || value != token
            || p["_meta"]?[MetaKey] is not JsonObject approval || approval["id"]?.GetValue<string>() is not { } id)
        {
            return null;
        }

        var expiresAt = approval["expires_at"] is JsonValue e && e.TryGetValue<long>(out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : DateTimeOffset.MaxValue;
        var waited = p["progress"] is JsonValue g && g.TryGetValue<double>(out var progress) ? progress : 0;
        return new HeldForApproval(id, expiresAt, waited);
    }
}
