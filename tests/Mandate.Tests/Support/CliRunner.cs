using System.CommandLine;
using Mandate.Cli;

namespace Mandate.Tests.Support;

/// <summary>Runs `mandate ARGS --data-dir DIR` in-process with standard input, output and error captured.</summary>
public static class CliRunner
{
    public static async Task<CliResult> RunWithInputAsync(string dataDir, string? stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var (oldOut, oldError, oldIn) = (Console.Out, Console.Error, Console.In);
        Console.SetOut(output);
        Console.SetError(error);
        Console.SetIn(new StringReader(stdin ?? string.Empty));
        try
        {
            var parse = MandateCli.Build().Parse([.. args, "--data-dir", dataDir]);
            var exitCode = await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
            return new CliResult(exitCode, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
            Console.SetIn(oldIn);
        }
    }

    public static Task<CliResult> RunAsync(string dataDir, params string[] args) => RunWithInputAsync(dataDir, null, args);
}
