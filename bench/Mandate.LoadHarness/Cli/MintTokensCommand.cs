using System.CommandLine;
using Mandate.LoadHarness.Minting;
using Mandate.LoadHarness.Targets;

namespace Mandate.LoadHarness.Cli;

/// <summary>
/// mint-tokens: access tokens of separate grants through the code flow (the target's authorization_details on each
/// request, consent given each time), one a line, for the mcp-call mode to take in turn.
/// </summary>
internal static class MintTokensCommand
{
    public static Command Create()
    {
        var target = new Option<FileInfo>("--target", "-t") { Description = "Target description JSON file (authorization_details optional)", Required = true };
        var count = new Option<int>("--count", "-n") { Description = "Tokens to get, each its own grant", DefaultValueFactory = _ => 1 };
        var username = new Option<string>("--username", "-u") { Description = "Login name", DefaultValueFactory = _ => "bench" };
        var password = new Option<string?>("--password") { Description = "Password (default: the BENCH_PASSWORD environment variable)" };
        var output = new Option<FileInfo>("--out", "-o") { Description = "Output file, one access token a line", Required = true };
        var command = new Command("mint-tokens", "Get access tokens through the code flow, one grant (and one consent) each")
        {
            target, count, username, password, output,
        };
        command.SetAction((result, cancellationToken) => CommandFailures.ReportAsync(async () =>
        {
            var secret = result.GetValue(password) ?? Environment.GetEnvironmentVariable("BENCH_PASSWORD")
                ?? throw new InvalidOperationException("no password: pass --password or set BENCH_PASSWORD");
            var minter = new TokenMinter(TargetFile.Load(result.GetValue(target)!), new LoginCredentials(result.GetValue(username)!, secret));
            var tokens = await minter.MintAsync(Math.Max(1, result.GetValue(count)), cancellationToken);
            await File.WriteAllLinesAsync(result.GetValue(output)!.FullName, tokens, cancellationToken);
            return 0;
        }));
        return command;
    }
}
