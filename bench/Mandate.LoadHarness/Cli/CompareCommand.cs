using System.CommandLine;
using Mandate.LoadHarness.Load;
using Mandate.LoadHarness.Results;

namespace Mandate.LoadHarness.Cli;

/// <summary>Runs the same mode against two targets, one after the other, and prints how the first compares.</summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var targets = new Option<FileInfo[]>("--target", "-t")
        {
            Description = "Two target description files; the first is compared against the second (mcp-call: gateway, then direct)",
            Required = true,
            Arity = new ArgumentArity(2, 2),
        };
        var pause = new Option<double>("--pause") { Description = "Idle seconds between the two targets", DefaultValueFactory = _ => 2 };
        var goals = new GoalOptionSet();
        var load = new LoadOptionSet();
        var command = new Command("compare", "Load two targets in turn and print their throughput ratio (mcp-call: the gateway's overhead)") { targets, pause };
        load.AddTo(command);
        goals.AddTo(command);
        command.SetAction((result, cancellationToken) => CommandFailures.ReportAsync(async () =>
        {
            var mode = load.ModeOf(result);
            var settings = load.SettingsOf(result);
            var outcomes = new List<RunResult>();
            var files = result.GetValue(targets)!;
            for (var index = 0; index < files.Length; index++)
            {
                if (index > 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds(result.GetValue(pause)), cancellationToken);
                }

                if (await TryRunAsync(files[index], mode, settings, cancellationToken) is { } outcome)
                {
                    outcomes.Add(outcome);
                    await ResultPrinter.WriteJsonLineAsync(outcome, result.GetValue(load.JsonOut), cancellationToken);
                }
            }

            ResultPrinter.WriteTable(outcomes);
            if (outcomes.Count < 2)
            {
                await Console.Error.WriteLineAsync("compare: a target failed; no ratio");
                return 1;
            }

            goals.Report(result, mode, outcomes[0], outcomes[1]);
            return 0;
        }));
        return command;
    }

    /// <summary>One target's run; a failing target is reported and skipped so the other still runs.</summary>
    private static async Task<RunResult?> TryRunAsync(FileInfo file, LoadMode mode, LoadSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            return await TargetBenchmark.RunAsync(TargetPlans.For(file, mode), mode, settings, cancellationToken);
        }
        catch (Exception exception) when (CommandFailures.IsExpected(exception))
        {
            await Console.Error.WriteLineAsync($"error: {file.Name}: {exception.Message}");
            return null;
        }
    }
}
