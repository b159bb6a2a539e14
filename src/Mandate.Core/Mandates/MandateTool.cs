using System.Text.Json;

namespace Mandate.Core.Mandates;

/// <summary>
/// One tool of a mandate. <see cref="Arguments"/> is a JSON Schema (draft 2020-12) the call's arguments must satisfy,
/// or null for any arguments; <see cref="MaxCalls"/> is how many calls the grant allows, or null for no count limit.
/// </summary>
public sealed record MandateTool(string Name, JsonElement? Arguments, int? MaxCalls);
