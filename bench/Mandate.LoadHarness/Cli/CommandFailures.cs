namespace Mandate.LoadHarness.Cli;

/// <summary>Turns the expected failures (server down, bad setup, bad input) into one line and exit code 1.</summary>
internal static class CommandFailures
{
    public static async Task<int> ReportAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception exception) when (IsExpected(exception))
        {
            await Console.Error.WriteLineAsync($"error: {exception.Message}");
            return 1;
        }
    }

    public static bool IsExpected(Exception exception) =>
        exception is InvalidOperationException or HttpRequestException or IOException or TaskCanceledException or ArgumentException;
}
