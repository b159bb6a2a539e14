using System.Text.Json.Serialization;

namespace Mandate.Demo.Notes;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = false)]
[JsonSerializable(typeof(Note))]
[JsonSerializable(typeof(IReadOnlyList<NoteSummary>))]
internal sealed partial class NotesJsonContext : JsonSerializerContext;
