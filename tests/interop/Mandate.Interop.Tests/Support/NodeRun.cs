using System.Text.Json;

namespace Mandate.Interop.Tests.Support;

/// <summary>The outcome of one Node script run: exit code, both streams, and whether it was killed for time.</summary>
public sealed record NodeRun(string Script, int ExitCode, string Stdout, string Stderr, bool TimedOut)
{
    /// <summary>Asserts exit code 0 and returns the last JSON line of stdout; on failure the message carries stderr.</summary>
    public JsonElement AssertSucceeded()
    {
        if (TimedOut || ExitCode != 0)
        {
            Assert.Fail($"{Describe()}");
        }

        return LastJsonLine();
    }

    public JsonElement LastJsonLine()
    {
        var line = Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (line is null)
        {
            Assert.Fail($"{Script} printed nothing on stdout. {Describe()}");
        }

        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            Assert.Fail($"{Script}: the last stdout line is not JSON ({e.Message}). {Describe()}");
            throw;
        }
    }

    public string Describe() =>
        $"node {Script} {(TimedOut ? "timed out" : "exited " + ExitCode)}.\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}
