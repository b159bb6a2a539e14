using System.Text.Json;

namespace Mandate.Core.Mandates;

/// <summary>The <c>tools</c> member of a mandate: unique non-empty names, argument schemas, bounded call counts.</summary>
internal static class MandateToolParser
{
    public const int MaxTools = 64;
    public const int MaxNameLength = 128;
    public const int MaxCalls = 10_000;

    public static (IReadOnlyList<MandateTool>?, string?) ParseTools(JsonElement value, bool checkSchemas)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() is 0 or > MaxTools)
        {
            return (null, $"tools must be an array of 1 to {MaxTools} tools.");
        }

        var tools = new List<MandateTool>();
        foreach (var item in value.EnumerateArray())
        {
            var (tool, error) = ParseTool(item, checkSchemas);
            if (tool is null)
            {
                return (null, error);
            }

            if (tools.Any(t => t.Name == tool.Name))
            {
                return (null, $"Tool '{MandateParser.Truncate(tool.Name)}' is listed twice.");
            }

            tools.Add(tool);
        }

        return (tools, null);
    }

    private static (MandateTool?, string?) ParseTool(JsonElement item, bool checkSchemas)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return (null, "Each tool must be an object.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? name = null;
        JsonElement? arguments = null;
        int? maxCalls = null;
        foreach (var member in item.EnumerateObject())
        {
            if (!seen.Add(member.Name))
            {
                return (null, $"Member '{MandateParser.Truncate(member.Name)}' of a tool appears twice.");
            }

            switch (member.Name)
            {
                case "name" when member.Value.ValueKind == JsonValueKind.String && member.Value.GetString() is { Length: > 0 and <= MaxNameLength } text:
                    name = text;
                    break;
                case "name":
                    return (null, $"A tool's name must be a string of 1 to {MaxNameLength} characters.");
                case "arguments":
                    if (checkSchemas && ArgumentSchemas.Check(member.Value) is { } schemaError)
                    {
                        return (null, $"The arguments of a tool are not a valid schema: {schemaError}");
                    }

                    arguments = member.Value.Clone();
                    break;
                case "max_calls" when member.Value.ValueKind == JsonValueKind.Number && member.Value.TryGetInt32(out var count) && count is > 0 and <= MaxCalls:
                    maxCalls = count;
                    break;
                case "max_calls":
                    return (null, $"max_calls must be an integer from 1 to {MaxCalls}.");
                default:
                    return (null, $"Unknown member '{MandateParser.Truncate(member.Name)}' in a tool.");
            }
        }

        return name is null ? (null, "Each tool needs a name.") : (new MandateTool(name, arguments, maxCalls), null);
    }
}
