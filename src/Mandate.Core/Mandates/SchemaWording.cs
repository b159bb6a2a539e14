using System.Text;
using System.Text.Json;

namespace Mandate.Core.Mandates;

/// <summary>
/// Puts an argument schema in words for the common keywords (type, properties, required, additionalProperties, const,
/// enum, pattern, minLength/maxLength, minimum/maximum and their exclusive forms, allOf of such schemas). Anything
/// else is shown as the schema itself, compact, so nothing the person agrees to is hidden.
/// </summary>
public static class SchemaWording
{
    private static readonly HashSet<string> ObjectKeywords = new(StringComparer.Ordinal)
        { "type", "properties", "required", "additionalProperties", "title", "description", "$schema", "allOf" };

    private static readonly HashSet<string> ValueKeywords = new(StringComparer.Ordinal)
        { "type", "const", "enum", "pattern", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "title", "description" };

    public static IReadOnlyList<string> Describe(JsonElement schema)
    {
        var lines = new List<string>();
        return TryDescribeObject(schema, lines) ? (lines.Count == 0 ? ["any arguments"] : lines) : [$"arguments must match this JSON Schema: {Compact(schema)}"];
    }

    private static bool TryDescribeObject(JsonElement schema, List<string> lines)
    {
        if (schema.ValueKind != JsonValueKind.Object || schema.EnumerateObject().Any(m => !ObjectKeywords.Contains(m.Name)))
        {
            return false;
        }

        if (schema.TryGetProperty("type", out var type) && !(type.ValueKind == JsonValueKind.String && type.GetString() == "object"))
        {
            return false;
        }

        if (schema.TryGetProperty("allOf", out var allOf))
        {
            if (allOf.ValueKind != JsonValueKind.Array || allOf.EnumerateArray().Any(branch => !TryDescribeObject(branch, lines)))
            {
                return false;
            }
        }

        if (schema.TryGetProperty("properties", out var properties))
        {
            if (properties.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            foreach (var property in properties.EnumerateObject())
            {
                if (DescribeValue(property.Value) is not { } words)
                {
                    return false;
                }

                if (words.Length > 0)
                {
                    lines.Add($"{property.Name} {words}");
                }
            }
        }

        if (schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array && required.GetArrayLength() > 0)
        {
            lines.Add("required: " + string.Join(", ", required.EnumerateArray().Select(r => r.ToString())));
        }

        if (schema.TryGetProperty("additionalProperties", out var additional))
        {
            if (additional.ValueKind == JsonValueKind.False)
            {
                lines.Add("no other arguments");
            }
            else if (additional.ValueKind != JsonValueKind.True)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The constraints on one argument as a phrase ("must be one of a, b"), empty for none, null when not describable.</summary>
    private static string? DescribeValue(JsonElement schema)
    {
        if (schema.ValueKind == JsonValueKind.True)
        {
            return string.Empty;
        }

        if (schema.ValueKind != JsonValueKind.Object || schema.EnumerateObject().Any(m => !ValueKeywords.Contains(m.Name)))
        {
            return null;
        }

        var parts = new List<string>();
        foreach (var member in schema.EnumerateObject())
        {
            var value = member.Value;
            string? part = member.Name switch
            {
                "type" => value.ValueKind == JsonValueKind.String ? $"is a {value.GetString()}" : null,
                "const" => $"must be exactly {Compact(value)}",
                "enum" when value.ValueKind == JsonValueKind.Array => "must be one of " + string.Join(", ", value.EnumerateArray().Select(Compact)),
                "pattern" => $"must match the pattern {Compact(value)}",
                "minLength" => $"has at least {value} characters",
                "maxLength" => $"has at most {value} characters",
                "minimum" => $"is at least {value}",
                "maximum" => $"is at most {value}",
                "exclusiveMinimum" => $"is more than {value}",
                "exclusiveMaximum" => $"is less than {value}",
                "title" or "description" => string.Empty,
                _ => null,
            };
            if (part is null)
            {
                return null;
            }

            if (part.Length > 0)
            {
                parts.Add(part);
            }
        }

        return string.Join(", ", parts);
    }

    public static string Compact(JsonElement value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            value.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
