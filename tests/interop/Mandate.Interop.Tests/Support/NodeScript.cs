using System.ComponentModel;
using System.Diagnostics;

namespace Mandate.Interop.Tests.Support;

/// <summary>
/// Runs `node script` as a child process with extra environment variables, a timeout and captured output. The node
/// is the one on PATH unless a path to another is given (the conformance tests run Node 22 from an npm package).
/// </summary>
public static class NodeScript
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(3);

    public static ProcessStartInfo StartInfo(string workingDirectory, string script, IReadOnlyDictionary<string, string> environment, string node = "node")
    {
        var info = new ProcessStartInfo(node)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(script);
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return info;
    }

    public static Process Start(ProcessStartInfo info)
    {
        try
        {
            return Process.Start(info) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"Could not start `{info.FileName}` (Node.js 20+ must be on PATH; see ./test.sh): " + e.Message, e);
        }
    }

    public static async Task<NodeRun> RunAsync(
        string workingDirectory,
        string script,
        IReadOnlyDictionary<string, string> environment,
        TimeSpan? timeout = null,
        string node = "node")
    {
        var limit = timeout ?? DefaultTimeout;
        var env = new Dictionary<string, string>(environment, StringComparer.Ordinal);

        // The script's own watchdog fires first and says where it was; ours only catches a hung Node.
        env.TryAdd("TIMEOUT_MS", ((long)(limit - TimeSpan.FromSeconds(15)).TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var process = Start(StartInfo(workingDirectory, script, env, node));
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var timedOut = false;
        using (var cts = new CancellationTokenSource(limit))
        {
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                timedOut = true;
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        return new NodeRun(script, process.ExitCode, await stdout, await stderr, timedOut);
    }
}
