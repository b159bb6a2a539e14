using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Mandate.Core.Mandates.Enforcement;

/// <summary>
/// One tool's argument schema, compiled once (JsonSchema.Net, draft 2020-12) and evaluated per call. A failure names
/// the argument and the keyword it fails, never the value: arguments may hold secrets, and the answer goes to the caller
/// and into the audit ledger.
/// </summary>
public sealed class CompiledArgumentSchema
{
    private const int MaxNameLength = 64;

    private readonly JsonSchema schema;
    private readonly EvaluationOptions options = new() { OutputFormat = OutputFormat.List, EvaluateAs = SpecVersion.Draft202012 };

    public CompiledArgumentSchema(string schemaJson)
    {
        schema = JsonSchema.FromText(schemaJson);
    }

    /// <summary>Null when the arguments satisfy the schema, else which argument fails which constraint.</summary>
    /// <param name="arguments">params.arguments as sent (UTF-8 JSON); absent arguments are checked as <c>{}</c>.</param>
    public string? FirstFailure(ReadOnlyMemory<byte>? arguments)
    {
        JsonNode? instance;
        try
        {
            instance = arguments is { } json ? JsonNode.Parse(json.Span) : new JsonObject();
        }
        catch (JsonException)
        {
            return "the arguments are not JSON";
        }

        var results = schema.Evaluate(instance, options);
        if (results.IsValid)
        {
            return null;
        }

        var failed = results.Details.FirstOrDefault(d => d.HasErrors) ?? results;
        // A false subschema (additionalProperties: false) reports its error under "": name the keyword that applied it.
        var keyword = failed.Errors?.Keys.FirstOrDefault(k => k.Length > 0) ?? LastSegment(failed.EvaluationPath.ToString());
        var location = failed.InstanceLocation.ToString().TrimStart('/');
        return location.Length == 0
            ? $"the arguments fail constraint '{keyword}'"
            : $"argument '{Shorten(location)}' fails constraint '{keyword}'";
    }

    private static string LastSegment(string path) => path.Length == 0 ? "schema" : path[(path.LastIndexOf('/') + 1)..];

    private static string Shorten(string name) => name.Length <= MaxNameLength ? name : name[..MaxNameLength] + "…";
}
