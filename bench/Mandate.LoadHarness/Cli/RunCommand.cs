using System.CommandLine;
using Mandate.LoadHarness.Load;
using Mandate.LoadHarness.Results;

namespace Mandate.LoadHarness.Cli;

internal static class RunCommand
{
    public static Command Create()
    {
        var target = new Option<FileInfo>("--target", "-t") { Description = "Target description JSON file", Required = true };
        var codes = new Option<string?>("--codes") { Description = "auth-code: file of 'code verifier' lines, or - for stdin (default: the target's codes_file)" };
        var load = new LoadOptionSet();
        var command = new Command("run", "Load one target and print its JSON line and table") { target, codes };
        load.AddTo(command);
        command.SetAction((result, cancellationToken) => CommandFailures.ReportAsync(async () =>
        {
            var mode = load.ModeOf(result);
            var plan = TargetPlans.For(result.GetValue(target)!, mode, result.GetValue(codes));
            var outcome = await TargetBenchmark.RunAsync(plan, mode, load.SettingsOf(result), cancellationToken);
            await ResultPrinter.WriteJsonLineAsync(outcome, result.GetValue(load.JsonOut), cancellationToken);
            ResultPrinter.WriteTable([outcome]);
            return 0;
        }));
        return command;
    }
}
