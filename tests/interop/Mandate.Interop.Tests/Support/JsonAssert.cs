using System.Text.Json;

namespace Mandate.Interop.Tests.Support;

/// <summary>Reads members of a script's JSON summary, failing with the whole summary in the message.</summary>
public static class JsonAssert
{
    public static JsonElement Member(JsonElement json, string path)
    {
        var current = json;
        foreach (var name in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                Assert.Fail($"'{path}' is missing from {json}");
            }
        }

        return current;
    }

    public static string Text(JsonElement json, string path)
    {
        var value = Member(json, path);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new Xunit.Sdk.XunitException($"'{path}' is not a string in {json}");
    }

    public static bool Flag(JsonElement json, string path)
    {
        var value = Member(json, path);
        return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : throw new Xunit.Sdk.XunitException($"'{path}' is not a boolean in {json}");
    }

    public static int Number(JsonElement json, string path) => Member(json, path).GetInt32();

    public static IReadOnlyList<string> Texts(JsonElement json, string path) =>
        [.. Member(json, path).EnumerateArray().Select(e => e.GetString() ?? string.Empty)];

    public static bool IsNull(JsonElement json, string path) => Member(json, path).ValueKind == JsonValueKind.Null;
}
