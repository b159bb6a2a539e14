using System.Text;
using System.Text.Json;

namespace Mandate.Core.Mandates;

/// <summary>
/// Writes a mandate as RFC 9396 authorization_details (an array of one object) in one canonical form, used in the
/// token claim, the token response, introspection and storage; reads it back from a token Mandate signed.
/// </summary>
public static class MandateJson
{
    public const string ClaimName = "authorization_details";

    public static void WriteProperty(Utf8JsonWriter writer, TaskMandate mandate)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(ClaimName);
        WriteArray(writer, mandate);
    }

    public static void WriteArray(Utf8JsonWriter writer, TaskMandate mandate)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(mandate);
        writer.WriteStartArray();
        writer.WriteStartObject();
        writer.WriteString("type", TaskMandate.Type);
        writer.WriteStartArray("locations");
        foreach (var location in mandate.Locations)
        {
            writer.WriteStringValue(location);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("tools");
        foreach (var tool in mandate.Tools)
        {
            writer.WriteStartObject();
            writer.WriteString("name", tool.Name);
            if (tool.Arguments is { } arguments)
            {
                writer.WritePropertyName("arguments");
                arguments.WriteTo(writer);
            }

            if (tool.MaxCalls is { } max)
            {
                writer.WriteNumber("max_calls", max);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (mandate.Purpose is { } purpose)
        {
            writer.WriteString("purpose", purpose);
        }

        writer.WriteNumber("expires_at", mandate.ExpiresAt.ToUnixTimeSeconds());
        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    /// <summary>The authorization_details array as compact JSON text (for storage).</summary>
    public static string ToJson(TaskMandate mandate)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteArray(writer, mandate);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads what <see cref="ToJson"/> or a token Mandate signed holds; null when it is not a mandate.</summary>
    public static TaskMandate? FromTrusted(string? json) => json is null ? null : MandateParser.Parse(json, checkSchemas: false).Mandate;

    public static TaskMandate? FromTrusted(JsonElement details) => MandateParser.Parse(details, checkSchemas: false).Mandate;
}
