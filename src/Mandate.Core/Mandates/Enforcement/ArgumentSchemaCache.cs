using System.Collections.Concurrent;

namespace Mandate.Core.Mandates.Enforcement;

/// <summary>
/// Compiled argument schemas by their canonical JSON text, shared by every token of a grant (a refresh or a narrowing
/// that keeps a schema compiles nothing again). Bounded: when full it starts over.
/// </summary>
public sealed class ArgumentSchemaCache
{
    private const int Capacity = 4096;

    private readonly ConcurrentDictionary<string, CompiledArgumentSchema> schemas = new(StringComparer.Ordinal);

    public CompiledArgumentSchema Get(string schemaJson)
    {
        if (schemas.TryGetValue(schemaJson, out var compiled))
        {
            return compiled;
        }

        if (schemas.Count >= Capacity)
        {
            schemas.Clear();
        }

        return schemas.GetOrAdd(schemaJson, json => new CompiledArgumentSchema(json));
    }
}
