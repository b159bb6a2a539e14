using Microsoft.Extensions.Logging;

namespace Mandate.Core.Gateway;

/// <summary>The tool catalog's log messages, with their event IDs in one place. Names only: never definitions or headers.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(EventId = 6501, Level = LogLevel.Information, Message = "Tool {Tool} of upstream {Upstream} recorded for the first time")]
    public static partial void ToolRecorded(ILogger logger, string upstream, string tool);

    [LoggerMessage(EventId = 6502, Level = LogLevel.Warning, Message = "Tool {Tool} of upstream {Upstream} changed its annotations; its annotation level went from {Previous} to {Current} (it never goes down)")]
    public static partial void ToolReannotated(ILogger logger, string upstream, string tool, PermissionLevel previous, PermissionLevel current);

    [LoggerMessage(EventId = 6503, Level = LogLevel.Warning, Message = "Tool {Tool} of upstream {Upstream} changed its definition; it is denied until an operator approves the new one")]
    public static partial void ToolHeld(ILogger logger, string upstream, string tool);

    [LoggerMessage(EventId = 6504, Level = LogLevel.Information, Message = "Tool {Tool} of upstream {Upstream} is back at its approved definition; the hold is lifted")]
    public static partial void ToolReverted(ILogger logger, string upstream, string tool);

    [LoggerMessage(EventId = 6505, Level = LogLevel.Warning, Message = "Upstream {Upstream} listed tool {Tool} more than once; it is denied in that listing")]
    public static partial void ToolDuplicated(ILogger logger, string upstream, string tool);

    [LoggerMessage(EventId = 6506, Level = LogLevel.Information, Message = "Operator set tool {Tool} of upstream {Upstream} to {Level}")]
    public static partial void OverrideSet(ILogger logger, string upstream, string tool, string level);

    [LoggerMessage(EventId = 6507, Level = LogLevel.Information, Message = "Operator approved the new definition of tool {Tool} of upstream {Upstream}")]
    public static partial void DefinitionApproved(ILogger logger, string upstream, string tool);
}
