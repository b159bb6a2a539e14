using System.CommandLine;
using Mandate.LoadHarness.Load;

namespace Mandate.LoadHarness.Cli;

/// <summary>The load-shape options shared by <c>run</c> and <c>compare</c>.</summary>
internal sealed class LoadOptionSet
{
    public Option<string> Mode { get; } = new Option<string>("--mode", "-m")
    {
        Description = "client-credentials, auth-code (token endpoint targets) or mcp-call (MCP endpoint targets)",
        DefaultValueFactory = _ => "client-credentials",
    }.AcceptOnlyFromAmong(LoadModeNames.All);

    public Option<int> Concurrency { get; } = new("--concurrency", "-c")
    {
        Description = "Concurrent workers and connections (closed loop)",
        DefaultValueFactory = _ => 64,
    };

    public Option<double> Warmup { get; } = new("--warmup")
    {
        Description = "Warm-up seconds, not measured (auth-code: at most 20% of the codes)",
        DefaultValueFactory = _ => 3,
    };

    public Option<double> Duration { get; } = new("--duration", "-d")
    {
        Description = "Measured seconds (auth-code: or until the codes run out)",
        DefaultValueFactory = _ => 10,
    };

    public Option<FileInfo?> JsonOut { get; } = new("--json-out")
    {
        Description = "Also append each result's JSON line to this file",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Mode);
        command.Options.Add(Concurrency);
        command.Options.Add(Warmup);
        command.Options.Add(Duration);
        command.Options.Add(JsonOut);
    }

    public LoadMode ModeOf(ParseResult result) => LoadModeNames.Parse(result.GetValue(Mode)!);

    public LoadSettings SettingsOf(ParseResult result)
    {
        var concurrency = result.GetValue(Concurrency);
        var warmup = result.GetValue(Warmup);
        var duration = result.GetValue(Duration);
        if (concurrency < 1 || warmup < 0 || duration <= 0)
        {
            throw new ArgumentException("--concurrency must be >= 1, --warmup >= 0 and --duration > 0");
        }

        return new LoadSettings(concurrency, TimeSpan.FromSeconds(warmup), TimeSpan.FromSeconds(duration));
    }
}
