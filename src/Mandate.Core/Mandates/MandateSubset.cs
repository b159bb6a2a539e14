using System.Text.Json;

namespace Mandate.Core.Mandates;

/// <summary>
/// Whether one mandate is a narrowing of another (token exchange): a subset of the locations and tools, for each
/// tool an equal or lower max_calls, and arguments either the same schema or <c>{"allOf": [old, added...]}</c>; an
/// equal or earlier expires_at; the same purpose (or none, which keeps the old one). Whether one schema is stricter
/// than another cannot be decided in general, so any other schema is refused.
/// </summary>
public static class MandateSubset
{
    /// <summary>Null when <paramref name="narrower"/> is within <paramref name="held"/>, else which rule it breaks.</summary>
    public static string? FirstViolation(TaskMandate held, TaskMandate narrower)
    {
        ArgumentNullException.ThrowIfNull(held);
        ArgumentNullException.ThrowIfNull(narrower);
        if (narrower.Locations.FirstOrDefault(l => !held.Locations.Contains(l, StringComparer.Ordinal)) is { } location)
        {
            return $"Location '{MandateParser.Truncate(location)}' is not in the held mandate.";
        }

        foreach (var tool in narrower.Tools)
        {
            if (held.FindTool(tool.Name) is not { } heldTool)
            {
                return $"Tool '{MandateParser.Truncate(tool.Name)}' is not in the held mandate.";
            }

            if (heldTool.MaxCalls is { } heldMax && (tool.MaxCalls is not { } max || max > heldMax))
            {
                return $"max_calls of tool '{MandateParser.Truncate(tool.Name)}' must be at most {heldMax}.";
            }

            if (heldTool.Arguments is { } heldSchema && (tool.Arguments is not { } schema || !IsSameOrExtended(heldSchema, schema)))
            {
                return $"The arguments of tool '{MandateParser.Truncate(tool.Name)}' must be the held schema, or {{\"allOf\": [held schema, added constraints]}}.";
            }
        }

        if (narrower.ExpiresAt > held.ExpiresAt)
        {
            return "expires_at is later than the held mandate's.";
        }

        return narrower.Purpose is not null && narrower.Purpose != held.Purpose ? "purpose differs from the held mandate's." : null;
    }

    /// <summary>The narrower mandate as it will be granted: without a purpose of its own it keeps the held one's.</summary>
    public static TaskMandate Effective(TaskMandate held, TaskMandate narrower)
    {
        ArgumentNullException.ThrowIfNull(held);
        ArgumentNullException.ThrowIfNull(narrower);
        return narrower.Purpose is null ? narrower with { Purpose = held.Purpose } : narrower;
    }

    /// <summary>The same schema (JSON equality), or <c>{"allOf": [held, ...]}</c> with at least one added schema.</summary>
    public static bool IsSameOrExtended(JsonElement held, JsonElement schema)
    {
        if (JsonElement.DeepEquals(held, schema))
        {
            return true;
        }

        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("allOf", out var allOf))
        {
            return false;
        }

        var onlyAllOf = schema.EnumerateObject().Count() == 1;
        return onlyAllOf && allOf.ValueKind == JsonValueKind.Array && allOf.GetArrayLength() >= 2 && JsonElement.DeepEquals(allOf[0], held);
    }
}
