using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Mandate.Server.Gateway.Mcp;

/// <summary>Error responses the gateway writes itself, as JSON-RPC error objects (a batch gets one per request).</summary>
public static class JsonRpcErrors
{
    /// <summary>One error object with this id (null when the request had none or could not be read).</summary>
    public static Task WriteAsync(HttpContext context, int status, int code, string message, string? idJson = null) =>
        WriteAsync(context, status, [(idJson, code, message)], batch: false);

    /// <summary>An error for each request of the body: an array for a batch, one object otherwise.</summary>
    public static Task WriteForAsync(HttpContext context, int status, IReadOnlyList<JsonRpcMessage> messages, bool batch, int code, string message)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var errors = messages.Where(m => m.IsRequest).Select(m => (m.IdJson, code, message)).ToList();
        if (errors.Count == 0)
        {
            errors.Add((null, code, message));
        }

        return WriteAsync(context, status, errors, batch);
    }

    public static async Task WriteAsync(HttpContext context, int status, IReadOnlyList<(string? IdJson, int Code, string Message)> errors, bool batch)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(errors);
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.Headers.CacheControl = "no-store";
        await using var writer = new Utf8JsonWriter(response.BodyWriter);
        if (batch)
        {
            writer.WriteStartArray();
        }

        foreach (var (idJson, code, message) in errors)
        {
            WriteError(writer, idJson, code, message);
        }

        if (batch)
        {
            writer.WriteEndArray();
        }

        await writer.FlushAsync(context.RequestAborted);
    }

    public static void WriteError(Utf8JsonWriter writer, string? idJson, int code, string message)
    {
        WriteResponseStart(writer, idJson);
        writer.WriteStartObject("error");
        writer.WriteNumber("code", code);
        writer.WriteString("message", message);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Opens a JSON-RPC response object: <c>{"jsonrpc":"2.0","id":…</c> (null when the request's id is unknown); the caller writes result or error and closes it.</summary>
    public static void WriteResponseStart(Utf8JsonWriter writer, string? idJson)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("jsonrpc", "2.0");
        writer.WritePropertyName("id");
        if (idJson is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteRawValue(idJson, skipInputValidation: true);
        }
    }
}
