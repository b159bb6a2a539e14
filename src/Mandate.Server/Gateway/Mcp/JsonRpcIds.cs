using System.Globalization;
using System.Text.Json;

namespace Mandate.Server.Gateway.Mcp;

/// <summary>Ids compared by value ("s:" or "n:" plus the value), so an upstream's re-serialisation still matches.</summary>
public static class JsonRpcIds
{
    public static string? Key(JsonElement id) => id.ValueKind switch
    {
        JsonValueKind.String => "s:" + id.GetString(),
        JsonValueKind.Number => "n:" + (id.TryGetInt64(out var n) ? n.ToString(CultureInfo.InvariantCulture) : id.GetRawText()),
        _ => null,
    };
}
