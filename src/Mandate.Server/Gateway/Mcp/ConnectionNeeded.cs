using System.Text.Json;
using Mandate.Core.Security;
using Mandate.Core.Vault.Broker;
using Microsoft.AspNetCore.Http;

namespace Mandate.Server.Gateway.Mcp;

/// <summary>
/// The answer to an MCP request whose upstream needs a connection the person has not made (or must renew): for a
/// client that declared URL-mode elicitation, URLElicitationRequiredError (-32042) naming the Connections page; else a
/// tools/call gets a tool result with isError and the URL (so the model can tell the person), and any other request
/// the gateway's error -32065 with the URL in its message and data. A credential that cannot be had just now is 503
/// with -32066. Nothing is forwarded.
/// </summary>
public static class ConnectionNeeded
{
    public static async Task WriteAsync(HttpContext context, JsonRpcParseResult? request, CredentialResult result, string connector, bool urlElicitation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(result);
        if (result.ConnectUrl is not { } url)
        {
            var (status, code, message) = result.Status == CredentialStatus.UnknownConnector
                ? (StatusCodes.Status502BadGateway, GatewayErrorCodes.UpstreamFailed, "Bad gateway: the upstream's credential connector is not configured.")
                : (StatusCodes.Status503ServiceUnavailable, ConnectionErrorCodes.CredentialUnavailable, $"Service unavailable: the {connector} credential cannot be had just now; try again shortly.");
            await (request is null
                ? JsonRpcErrors.WriteAsync(context, status, code, message)
                : JsonRpcErrors.WriteForAsync(context, status, request.Messages, request.IsBatch, code, message));
            return;
        }

        var text = result.Status == CredentialStatus.ReconnectNeeded
            ? $"Your {connector} connection has to be renewed before this can run. Open {url} to reconnect, then try again."
            : $"This needs your {connector} account, which is not connected yet. Open {url} to connect it, then try again.";
        var requests = request?.Messages.Where(m => m.IsRequest).ToList() ?? [];
        if (request is not null && requests.Count == 0)
        {
            // Only notifications: accepted, and dropped (the upstream could not take them without the credential).
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            return;
        }

        var response = context.Response;
        response.StatusCode = request is null ? StatusCodes.Status403Forbidden : StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.Headers.CacheControl = "no-store";
        await using var writer = new Utf8JsonWriter(response.BodyWriter);
        var batch = request?.IsBatch == true;
        if (batch)
        {
            writer.WriteStartArray();
        }

        if (requests.Count == 0)
        {
            WriteError(writer, null, ConnectionErrorCodes.ConnectionRequired, text, url, connector, result.Status);
        }

        foreach (var message in requests)
        {
            if (urlElicitation)
            {
                WriteElicitationRequired(writer, message.IdJson, text, url);
            }
            else if (message.Method == "tools/call")
            {
                WriteToolError(writer, message.IdJson, text);
            }
            else
            {
                WriteError(writer, message.IdJson, ConnectionErrorCodes.ConnectionRequired, text, url, connector, result.Status);
            }
        }

        if (batch)
        {
            writer.WriteEndArray();
        }

        await writer.FlushAsync(context.RequestAborted);
    }

    private static void WriteElicitationRequired(Utf8JsonWriter writer, string? idJson, string text, string url)
    {
        JsonRpcErrors.WriteResponseStart(writer, idJson);
        writer.WriteStartObject("error");
        writer.WriteNumber("code", ConnectionErrorCodes.UrlElicitationRequired);
        writer.WriteString("message", text);
        writer.WriteStartObject("data");
        writer.WriteStartArray("elicitations");
        writer.WriteStartObject();
        writer.WriteString("mode", "url");
        writer.WriteString("elicitationId", RandomTokens.Create(16));
        writer.WriteString("url", url);
        writer.WriteString("message", text);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteToolError(Utf8JsonWriter writer, string? idJson, string text)
    {
        JsonRpcErrors.WriteResponseStart(writer, idJson);
        writer.WriteStartObject("result");
        writer.WriteStartArray("content");
        writer.WriteStartObject();
        writer.WriteString("type", "text");
        writer.WriteString("text", text);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteBoolean("isError", true);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteError(Utf8JsonWriter writer, string? idJson, int code, string text, string url, string connector, CredentialStatus status)
    {
        JsonRpcErrors.WriteResponseStart(writer, idJson);
        writer.WriteStartObject("error");
        writer.WriteNumber("code", code);
        writer.WriteString("message", text);
        writer.WriteStartObject("data");
        writer.WriteString("url", url);
        writer.WriteString("connector", connector);
        writer.WriteString("status", status == CredentialStatus.ReconnectNeeded ? "reconnect_needed" : "not_connected");
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
