using System.CommandLine;

namespace Mandate.LoadHarness.Cli;

internal static class HarnessCommandLine
{
    public static RootCommand Create() => new("Closed-loop token endpoint load harness (see bench/README.md)")
    {
        RunCommand.Create(),
        CompareCommand.Create(),
        MintCodesCommand.Create(),
    };
}
