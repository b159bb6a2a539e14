using System.Text.Json.Serialization;
using Mandate.Core.Keys;

namespace Mandate.Core;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SigningKeyRecord))]
[JsonSerializable(typeof(Mandate.Core.Clients.ClientMetadata))]
internal sealed partial class CoreJsonContext : JsonSerializerContext;
