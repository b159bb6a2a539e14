using Microsoft.Extensions.Logging;

namespace Mandate.Core.Ledger;

/// <summary>The ledger's log messages (event IDs 70xx). Sizes and indexes only, never entries.</summary>
internal static partial class LedgerLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Debug, Message = "Signed a ledger checkpoint at tree size {TreeSize}")]
    public static partial void CheckpointSigned(ILogger logger, long treeSize);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Critical, Message = "The stored ledger ({TreeSize} entries) is smaller than its checkpoint at {CheckpointSize}: entries were deleted. No checkpoint is signed; run `mandate ledger verify`")]
    public static partial void LogShrank(ILogger logger, long treeSize, long checkpointSize);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Critical, Message = "The stored ledger at {TreeSize} entries is not consistent with its checkpoint at {CheckpointSize}: stored history was changed. No checkpoint is signed; run `mandate ledger verify`")]
    public static partial void Inconsistent(ILogger logger, long treeSize, long checkpointSize);
}
