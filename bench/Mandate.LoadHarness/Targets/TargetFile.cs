using System.Text.Json;
using Mandate.LoadHarness.Results;

namespace Mandate.LoadHarness.Targets;

internal static class TargetFile
{
    public static TargetDescription Load(FileInfo file)
    {
        using var stream = file.OpenRead();
        try
        {
            return JsonSerializer.Deserialize(stream, HarnessJsonContext.Default.TargetDescription)
                ?? throw new InvalidOperationException($"{file.FullName}: empty target description");
        }
        catch (JsonException exception)
        {
            throw new InvalidOperationException($"{file.FullName}: {exception.Message}", exception);
        }
    }
}
