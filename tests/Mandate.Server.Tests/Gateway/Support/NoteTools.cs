using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Mandate.Server.Tests.Gateway.Support;

/// <summary>The upstream's tools, annotated as an honest MCP server would: one per level, one slow one with progress.</summary>
[McpServerToolType]
public sealed class NoteTools
{
    [McpServerTool(Name = "read_note", ReadOnly = true), Description("Reads a note.")]
    public static string ReadNote(string id) => "note " + id;

    [McpServerTool(Name = "write_note", ReadOnly = false, Destructive = false), Description("Creates or replaces a note.")]
    public static string WriteNote(string id, string text) => $"wrote {id}: {text}";

    [McpServerTool(Name = "delete_note", ReadOnly = false, Destructive = true), Description("Deletes a note for good.")]
    public static string DeleteNote(string id) => "deleted " + id;

    [McpServerTool(Name = "purge_all", ReadOnly = false, Destructive = true), Description("Deletes everything (held at deny by policy in the tests).")]
    public static string PurgeAll() => "purged";

    [McpServerTool(Name = "slow_count", ReadOnly = true), Description("Counts slowly, reporting progress at each step.")]
    public static async Task<string> SlowCount(IProgress<ProgressNotificationValue> progress, int steps, int delayMs, CancellationToken cancellationToken)
    {
        for (var i = 1; i <= steps; i++)
        {
            progress.Report(new ProgressNotificationValue { Progress = i, Total = steps, Message = $"step {i}" });
            await Task.Delay(delayMs, cancellationToken);
        }

        return $"counted to {steps}";
    }
}
