using Mandate.Core.Keys;
using Mandate.Core.Tokens;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mandate.Server.Hosting;

/// <summary>Every five minutes: pick up key rotation (ours or another instance's) and delete what has expired.</summary>
public sealed partial class MaintenanceService(
    KeyRing keys,
    IRefreshTokenStore refreshTokens,
    IRevokedAccessTokenStore revoked,
    IDelegationStore delegations,
    Core.Mandates.Enforcement.IMandateCallCounter callCounts,
    Core.Gateway.DataFlow.IDataFlowTaintStore dataFlowMarks,
    TimeProvider time,
    ILogger<MaintenanceService> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await keys.RefreshAsync(stoppingToken);
                var now = time.GetUtcNow();
                await refreshTokens.DeleteExpiredAsync(now, stoppingToken);
                await revoked.DeleteExpiredAsync(now, stoppingToken);
                await delegations.DeleteExpiredAsync(now, stoppingToken);
                await callCounts.DeleteExpiredAsync(now, stoppingToken);
                await dataFlowMarks.DeleteExpiredAsync(now, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogMaintenanceFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Error, Message = "Maintenance run failed; it will be retried")]
    private static partial void LogMaintenanceFailed(ILogger logger, Exception exception);
}
