using Mandate.Core.Approvals;
using Mandate.Core.OAuth.Ciba;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mandate.Server.Hosting;

/// <summary>
/// Every second: expire approval requests whose time is up (each one a ledger event) and send the CIBA pings that are
/// due. A second is short enough that a decision made in the CLI reaches a ping-mode client promptly.
/// </summary>
public sealed partial class ApprovalMaintenanceService(
    ApprovalService approvals,
    CibaPingSender pings,
    TimeProvider time,
    ILogger<ApprovalMaintenanceService> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await approvals.ExpireDueAsync(stoppingToken);
                await pings.SendDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(EventId = 8201, Level = LogLevel.Error, Message = "Approval maintenance failed; it will be retried")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
