using System.Text.Json;
using Mandate.Protocol.Json;

namespace Mandate.Core.Tokens;

/// <summary>
/// One link of an RFC 8693 section 4.1 <c>act</c> chain: the party acting now, and the one that acted before it. The
/// outermost actor is the current one; <see cref="Prior"/> walks back towards the first.
/// </summary>
public sealed record Actor(string Subject, string ClientId, Actor? Prior = null)
{
    /// <summary>Chains deeper than this are refused when read, whatever the configured delegation limit.</summary>
    public const int MaxReadableDepth = 32;

    /// <summary>How many actors the chain names (this one included).</summary>
    public int Depth => 1 + (Prior?.Depth ?? 0);

    /// <summary>The actors from the current one back to the first.</summary>
    public IEnumerable<Actor> Chain()
    {
        for (var actor = this; actor is not null; actor = actor.Prior)
        {
            yield return actor;
        }
    }

    /// <summary>Writes <c>"name": {"sub": ..., "client_id": ..., "act": {...}}</c> into an open JSON object.</summary>
    public void WriteTo(Utf8JsonWriter writer, string name = "act")
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(name);
        WriteObject(writer);
    }

    /// <summary>Writes the chain as a JSON object.</summary>
    public void WriteObject(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("sub", Subject);
        writer.WriteString("client_id", ClientId);
        Prior?.WriteTo(writer);
        writer.WriteEndObject();
    }

    /// <summary>The chain as compact JSON, for audit records.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteObject(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads an <c>act</c> object; null when absent or malformed (a chain of our own tokens is never malformed).</summary>
    public static Actor? Read(JsonElement element) => Read(element, 0);

    private static Actor? Read(JsonElement element, int depth)
    {
        if (element.ValueKind != JsonValueKind.Object || depth >= MaxReadableDepth)
        {
            return null;
        }

        var sub = JsonMembers.GetString(element, "sub");
        var clientId = JsonMembers.GetString(element, "client_id");
        if (sub is null || clientId is null)
        {
            return null;
        }

        Actor? prior = null;
        if (element.TryGetProperty("act", out var nested))
        {
            prior = Read(nested, depth + 1);
            if (prior is null)
            {
                return null;
            }
        }

        return new Actor(sub, clientId, prior);
    }
}
