using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Mandate.LoadHarness.Results;

namespace Mandate.LoadHarness.Targets;

internal static class TargetFile
{
    /// <summary>A token endpoint target (client-credentials and auth-code modes).</summary>
    public static TargetDescription Load(FileInfo file) => Load(file, HarnessJsonContext.Default.TargetDescription);

    /// <summary>An MCP endpoint target (mcp-call mode).</summary>
    public static McpTargetDescription LoadMcp(FileInfo file) => Load(file, HarnessJsonContext.Default.McpTargetDescription);

    private static T Load<T>(FileInfo file, JsonTypeInfo<T> type)
    {
        using var stream = file.OpenRead();
        try
        {
            return JsonSerializer.Deserialize(stream, type)
                ?? throw new InvalidOperationException($"{file.FullName}: empty target description");
        }
        catch (JsonException exception)
        {
            throw new InvalidOperationException($"{file.FullName}: {exception.Message}", exception);
        }
    }
}
