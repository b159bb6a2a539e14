using System.Text.Json;

namespace Mandate.Server.Gateway.Mcp;

/// <summary>
/// What a held call's client reads: MCP progress notifications while it waits, and a tool error (CallToolResult with
/// isError) when the person denies it or nobody decides in time. Each carries the approval in
/// _meta["io.mandate/approval"] ({id, status, expires_at}), so an SDK can tell a held call from a slow one.
/// </summary>
public static class HeldCallMessages
{
    public const string MetaKey = "io.mandate/approval";

    public static Action<Utf8JsonWriter> Progress(string progressTokenJson, long progress, long total, string approvalId, DateTimeOffset expiresAt) => w =>
    {
        w.WriteStartObject();
        w.WriteString("jsonrpc", "2.0");
        w.WriteString("method", "notifications/progress");
        w.WriteStartObject("params");
        w.WritePropertyName("progressToken");
        w.WriteRawValue(progressTokenJson, skipInputValidation: true);
        w.WriteNumber("progress", progress);
        w.WriteNumber("total", total);
        w.WriteString("message", "Waiting for a person's approval of this call (Approvals page).");
        WriteMeta(w, approvalId, "pending", expiresAt);
        w.WriteEndObject();
        w.WriteEndObject();
    };

    public static Action<Utf8JsonWriter> ToolError(string idJson, string text, string approvalId, string status, DateTimeOffset expiresAt) => w =>
    {
        w.WriteStartObject();
        w.WriteString("jsonrpc", "2.0");
        w.WritePropertyName("id");
        w.WriteRawValue(idJson, skipInputValidation: true);
        w.WriteStartObject("result");
        w.WriteStartArray("content");
        w.WriteStartObject();
        w.WriteString("type", "text");
        w.WriteString("text", text);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteBoolean("isError", true);
        WriteMeta(w, approvalId, status, expiresAt);
        w.WriteEndObject();
        w.WriteEndObject();
    };

    public static Action<Utf8JsonWriter> Error(string idJson, int code, string message) => w => JsonRpcErrors.WriteError(w, idJson, code, message);

    private static void WriteMeta(Utf8JsonWriter w, string approvalId, string status, DateTimeOffset expiresAt)
    {
        w.WriteStartObject("_meta");
        w.WriteStartObject(MetaKey);
        w.WriteString("id", approvalId);
        w.WriteString("status", status);
        w.WriteNumber("expires_at", expiresAt.ToUnixTimeSeconds());
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
