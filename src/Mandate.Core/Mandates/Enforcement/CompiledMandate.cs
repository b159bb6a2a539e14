namespace Mandate.Core.Mandates.Enforcement;

/// <summary>A mandate ready for the gateway: each tool with its compiled argument schema (null: any arguments).</summary>
public sealed class CompiledMandate
{
    private readonly Dictionary<string, (MandateTool Tool, CompiledArgumentSchema? Schema)> tools;

    public CompiledMandate(TaskMandate mandate, ArgumentSchemaCache cache)
    {
        ArgumentNullException.ThrowIfNull(mandate);
        ArgumentNullException.ThrowIfNull(cache);
        Mandate = mandate;
        tools = mandate.Tools.ToDictionary(
            t => t.Name,
            t => (t, t.Arguments is { } schema ? cache.Get(schema.GetRawText()) : null),
            StringComparer.Ordinal);
    }

    public TaskMandate Mandate { get; }

    public bool TryGetTool(string name, out MandateTool tool, out CompiledArgumentSchema? schema)
    {
        if (tools.TryGetValue(name, out var entry))
        {
            (tool, schema) = entry;
            return true;
        }

        (tool, schema) = (null!, null);
        return false;
    }
}
