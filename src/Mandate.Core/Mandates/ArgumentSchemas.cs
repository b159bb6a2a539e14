using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Mandate.Core.Mandates;

/// <summary>
/// Checks that a tool's argument schema is a JSON Schema draft 2020-12 object (validated against the draft's meta-schema
/// with JsonSchema.Net) that stands alone: no <c>$id</c>, <c>$schema</c> only for draft 2020-12, and references only
/// into itself (<c>#...</c>), so nothing is ever fetched and no schema is registered globally.
/// </summary>
public static class ArgumentSchemas
{
    public const string Draft202012 = "https://json-schema.org/draft/2020-12/schema";

    private static readonly EvaluationOptions MetaSchemaOptions = new() { OutputFormat = OutputFormat.Flag };

    /// <summary>Null when the schema is acceptable, else why not.</summary>
    public static string? Check(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return "a schema must be a JSON object.";
        }

        if (FirstForbiddenKeyword(schema) is { } forbidden)
        {
            return forbidden;
        }

        try
        {
            var node = JsonNode.Parse(schema.GetRawText());
            var result = MetaSchemas.Draft202012.Evaluate(node, MetaSchemaOptions);
            if (!result.IsValid)
            {
                return "it does not satisfy the draft 2020-12 meta-schema.";
            }

            _ = JsonSchema.FromText(schema.GetRawText());
            return null;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException or FormatException or RefResolutionException)
        {
            return "it cannot be compiled.";
        }
    }

    private static string? FirstForbiddenKeyword(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    if (member.Value.ValueKind == JsonValueKind.String && ForbiddenValue(member.Name, member.Value.GetString()!) is { } error)
                    {
                        return error;
                    }

                    if (FirstForbiddenKeyword(member.Value) is { } nested)
                    {
                        return nested;
                    }
                }

                return null;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (FirstForbiddenKeyword(item) is { } nested)
                    {
                        return nested;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static string? ForbiddenValue(string keyword, string value) => keyword switch
    {
        "$id" => "$id is not allowed (a mandate's schema stands alone).",
        "$schema" when value.TrimEnd('#') != Draft202012 => "$schema, when present, must be draft 2020-12.",
        "$ref" or "$dynamicRef" when !value.StartsWith('#') => "references must point into the schema itself (#...).",
        _ => null,
    };
}
