using Microsoft.Extensions.Logging;

namespace Mandate.Server.Gateway.Credentials;

/// <summary>Log events of credential injection (6640-6649): upstream and connector names only, never a credential.</summary>
internal static partial class CredentialLog
{
    [LoggerMessage(EventId = 6640, Level = LogLevel.Information, Message = "No credential for upstream {Upstream} from connector {Connector}: {Reason}")]
    public static partial void NotAvailable(ILogger logger, string upstream, string connector, string reason);

    [LoggerMessage(EventId = 6641, Level = LogLevel.Error, Message = "The vault could not be read for upstream {Upstream}, connector {Connector}")]
    public static partial void LookupFailed(ILogger logger, Exception exception, string upstream, string connector);

    [LoggerMessage(EventId = 6642, Level = LogLevel.Error, Message = "The ledger could not record a credential use for upstream {Upstream}, connector {Connector}; the request was not forwarded")]
    public static partial void AuditFailed(ILogger logger, Exception exception, string upstream, string connector);
}
