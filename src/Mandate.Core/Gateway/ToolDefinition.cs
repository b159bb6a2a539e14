using System.Text;
using System.Text.Json;

namespace Mandate.Core.Gateway;

/// <summary>
/// The part of an MCP tool (tools/list, spec 2025-11-25) that decides what the tool does and how dangerous it claims to
/// be: name, description, inputSchema, outputSchema and annotations. Title and icons are presentation and left out.
/// </summary>
public sealed record ToolDefinition
{
    private static readonly string[] ContentMembers = ["description", "inputSchema", "name", "outputSchema"];

    private ToolDefinition(string name, string json, string fingerprint, string contentFingerprint, PermissionLevel annotationLevel)
    {
        Name = name;
        Json = json;
        Fingerprint = fingerprint;
        ContentFingerprint = contentFingerprint;
        AnnotationLevel = annotationLevel;
    }

    public string Name { get; }

    /// <summary>The canonical JSON of {name, description, inputSchema, outputSchema, annotations}.</summary>
    public string Json { get; }

    /// <summary>SHA-256 (hex) of <see cref="Json"/>.</summary>
    public string Fingerprint { get; }

    /// <summary>SHA-256 (hex) of the same without annotations: equal fingerprints here mean only annotations changed.</summary>
    public string ContentFingerprint { get; }

    /// <summary>The level the annotations ask for, were they believed.</summary>
    public PermissionLevel AnnotationLevel { get; }

    /// <summary>Reads a tool object; null when it is not an object with a non-empty string name.</summary>
    public static ToolDefinition? Parse(JsonElement tool)
    {
        if (tool.ValueKind != JsonValueKind.Object
            || !tool.TryGetProperty("name", out var name)
            || name.ValueKind != JsonValueKind.String
            || string.IsNullOrEmpty(name.GetString()))
        {
            return null;
        }

        var members = ContentMembers
            .Select(m => (Name: m, Found: tool.TryGetProperty(m, out var value), Value: value))
            .Where(m => m.Found && m.Value.ValueKind != JsonValueKind.Null)
            .Select(m => (m.Name, m.Value))
            .ToList();
        var content = CanonicalJson.Render(w => WriteObject(w, members));
        var annotations = tool.TryGetProperty("annotations", out var a) && a.ValueKind != JsonValueKind.Null ? a : (JsonElement?)null;
        if (annotations is { } present)
        {
            members.Insert(0, ("annotations", present));
        }

        var full = CanonicalJson.Render(w => WriteObject(w, members));
        return new ToolDefinition(
            name.GetString()!,
            Encoding.UTF8.GetString(full),
            CanonicalJson.Sha256Hex(full),
            CanonicalJson.Sha256Hex(content),
            ToolAnnotations.LevelOf(annotations));
    }

    /// <summary>Reads a definition back from its stored <see cref="Json"/>.</summary>
    public static ToolDefinition? FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Parse(document.RootElement);
    }

    // Members arrive in ordinal order ("annotations" sorts first), so the object is canonical.
    private static void WriteObject(Utf8JsonWriter writer, List<(string Name, JsonElement Value)> members)
    {
        writer.WriteStartObject();
        foreach (var (memberName, value) in members)
        {
            writer.WritePropertyName(memberName);
            CanonicalJson.Write(writer, value);
        }

        writer.WriteEndObject();
    }
}
