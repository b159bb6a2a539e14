using System.Text.Json;

namespace Mandate.Protocol.Json;

/// <summary>Reading members of untrusted JSON objects without exceptions.</summary>
public static class JsonMembers
{
    /// <summary>The member's value when <paramref name="element"/> is an object whose member is a string; otherwise null.</summary>
    /// <param name="element">Any JSON value.</param>
    /// <param name="name">The member name.</param>
    public static string? GetString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
