using System.Diagnostics;
using System.Text;
using Mandate.Cli;

namespace Mandate.Tests.Ledger;

/// <summary>`dotnet mandate.dll serve --demo` as a child process on a fixed port and data directory, to be killed with SIGKILL.</summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder log;

    private ServerProcess(Process process, StringBuilder log)
    {
        this.process = process;
        this.log = log;
    }

    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    /// <summary>Starts the server and returns once /ledger/checkpoint answers and the demo upstream is registered.</summary>
    public static async Task<ServerProcess> StartAsync(string url, string dataDir, HttpClient http)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { typeof(MandateCli).Assembly.Location, "serve", "--demo", "--urls", url, "--data-dir", dataDir })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["MANDATE_Gateway__ClientRequestsPerMinute"] = "0";
        start.Environment["MANDATE_Gateway__UserRequestsPerMinute"] = "0";
        start.Environment["MANDATE_Ledger__CheckpointInterval"] = "00:00:00.2";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["DOTNET_gcServer"] = "0";
        var log = new StringBuilder();
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, log);
        for (var attempt = 0; attempt < 300; attempt++)
        {
            Assert.False(process.HasExited, "The server exited: " + server.Log);
            try
            {
                using var response = await http.GetAsync(url + "/ledger/checkpoint");
                if (response.IsSuccessStatusCode && server.Log.Contains("Demo: ", StringComparison.Ordinal))
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        server.Kill();
        throw new TimeoutException("The server did not start: " + server.Log);
    }

    /// <summary>SIGKILL: no shutdown, no flush, nothing the process can do about it.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }
}
