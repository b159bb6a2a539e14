using System.Text.Json;

namespace Mandate.Tests.Support;

public sealed record CliResult(int ExitCode, string Out, string Error)
{
    /// <summary>The JSON document printed on standard output (--json).</summary>
    public JsonElement Json
    {
        get
        {
            var start = Out.IndexOfAny(['{', '[']);
            return JsonDocument.Parse(Out[start..]).RootElement;
        }
    }
}
