using Microsoft.Extensions.Logging;

namespace Mandate.Server.Ledger;

/// <summary>The ledger service's and endpoints' log messages (event IDs 71xx).</summary>
internal static partial class LedgerServerLog
{
    [LoggerMessage(EventId = 7101, Level = LogLevel.Error, Message = "Signing a ledger checkpoint failed; it will be retried")]
    public static partial void CheckpointFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning, Message = "The ledger keeps its origin {Origin} (the name of its key), not {Configured} from the issuer or Ledger:Origin: a log's identity does not change")]
    public static partial void OriginKept(ILogger logger, string origin, string configured);
}
