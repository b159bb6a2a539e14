using System.Text.Json.Serialization;
using Mandate.Core.Clients;

namespace Mandate.Server;

[JsonSerializable(typeof(ClientMetadata))]
internal sealed partial class ServerJsonContext : JsonSerializerContext;
