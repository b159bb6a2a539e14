using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Mandate.Interop.Tests.Support;

/// <summary>
/// A long-running Node script (a resource server) that prints one JSON line once it listens. Its stderr is kept for
/// failure messages; closing its stdin asks it to exit, and dispose kills it if it does not.
/// </summary>
public sealed class NodeServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder stderr;

    private NodeServer(Process process, StringBuilder stderr, JsonElement ready)
    {
        this.process = process;
        this.stderr = stderr;
        Ready = ready;
    }

    /// <summary>The JSON line the script printed when it was ready.</summary>
    public JsonElement Ready { get; }

    /// <summary>Everything the script logged so far.</summary>
    public string Stderr
    {
        get
        {
            lock (stderr)
            {
                return stderr.ToString();
            }
        }
    }

    public static async Task<NodeServer> StartAsync(
        string workingDirectory,
        string script,
        IReadOnlyDictionary<string, string> environment,
        TimeSpan? timeout = null,
        string node = "node")
    {
        var process = NodeScript.Start(NodeScript.StartInfo(workingDirectory, script, environment, node));
        var log = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (log)
                {
                    log.AppendLine(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();
        var server = new NodeServer(process, log, default);
        string? line;
        using (var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30)))
        {
            try
            {
                line = await process.StandardOutput.ReadLineAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                line = null;
            }
        }

        if (line is null)
        {
            await server.DisposeAsync();
            Assert.Fail($"node {script} did not report that it was listening.\n--- stderr ---\n{server.Stderr}");
        }

        using var document = JsonDocument.Parse(line);
        return new NodeServer(process, log, document.RootElement.Clone());
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.StandardInput.Close();
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await process.WaitForExitAsync(cts.Token);
            }
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        finally
        {
            process.Dispose();
        }
    }
}
