using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Mandate.LoadHarness.Targets;

namespace Mandate.LoadHarness.Results;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(TargetDescription))]
[JsonSerializable(typeof(McpTargetDescription))]
[JsonSerializable(typeof(RunResult))]
internal sealed partial class HarnessJsonContext : JsonSerializerContext
{
    /// <summary>Same contract, but writes "+" and other HTML-sensitive characters unescaped (output is never HTML).</summary>
    public static HarnessJsonContext Relaxed { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
