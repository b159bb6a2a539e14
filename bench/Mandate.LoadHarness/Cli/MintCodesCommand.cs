using System.CommandLine;
using Mandate.LoadHarness.Load;
using Mandate.LoadHarness.Minting;
using Mandate.LoadHarness.Targets;

namespace Mandate.LoadHarness.Cli;

internal static class MintCodesCommand
{
    public static Command Create()
    {
        var target = new Option<FileInfo>("--target", "-t") { Description = "Target description JSON file", Required = true };
        var count = new Option<int>("--count", "-n") { Description = "Codes to mint", DefaultValueFactory = _ => 20_000 };
        var username = new Option<string>("--username", "-u") { Description = "Login name", DefaultValueFactory = _ => "bench" };
        var password = new Option<string?>("--password") { Description = "Password (default: the BENCH_PASSWORD environment variable)" };
        var parallelism = new Option<int>("--parallelism", "-p") { Description = "Concurrent authorization requests", DefaultValueFactory = _ => 8 };
        var output = new Option<string>("--out", "-o") { Description = "Output file of 'code verifier' lines, or - for stdout", DefaultValueFactory = _ => "-" };
        var command = new Command("mint-codes", "Log in and consent once, then mint codes from the remembered consent")
        {
            target, count, username, password, parallelism, output,
        };
        command.SetAction((result, cancellationToken) => CommandFailures.ReportAsync(async () =>
        {
            var secret = result.GetValue(password) ?? Environment.GetEnvironmentVariable("BENCH_PASSWORD")
                ?? throw new InvalidOperationException("no password: pass --password or set BENCH_PASSWORD");
            var minter = new CodeMinter(
                TargetFile.Load(result.GetValue(target)!),
                new LoginCredentials(result.GetValue(username)!, secret),
                Math.Max(1, result.GetValue(parallelism)));
            var codes = await minter.MintAsync(Math.Max(1, result.GetValue(count)), cancellationToken);
            await CodeFile.WriteAsync(result.GetValue(output)!, codes, cancellationToken);
            return 0;
        }));
        return command;
    }
}
