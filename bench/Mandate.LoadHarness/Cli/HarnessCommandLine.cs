using System.CommandLine;

namespace Mandate.LoadHarness.Cli;

internal static class HarnessCommandLine
{
    public static RootCommand Create() => new("Closed-loop load harness: token endpoints and MCP tools/call (see bench/README.md)")
    {
        RunCommand.Create(),
        CompareCommand.Create(),
        MintCodesCommand.Create(),
        MintTokensCommand.Create(),
        DpopTokenCommand.Create(),
        PersonTokenCommand.Create(),
    };
}
