using Mandate.Core.Configuration;
using Mandate.Core.Vault.Connections;
using Mandate.Core.Vault.Refresh;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Vault;

/// <summary>
/// Renews connections' access tokens before they expire: every Vault:RefreshPollInterval, the connections whose
/// (jittered) refresh time has come are refreshed one by one, each under the store's lease, so instances sharing the
/// store split the work and never refresh one token twice.
/// </summary>
public sealed partial class ConnectionRefreshService(
    IConnectionStore connections,
    ConnectionRefresher refresher,
    IOptions<MandateOptions> options,
    TimeProvider time,
    ILogger<ConnectionRefreshService> logger) : BackgroundService
{
    private const int Batch = 50;

    /// <summary>One pass: refreshes what is due now; returns how many were refreshed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var refreshed = 0;
        foreach (var connection in await connections.ListDueAsync(time.GetUtcNow(), Batch, cancellationToken))
        {
            var outcome = await refresher.RefreshAsync(connection.UserId, connection.Connector, cancellationToken);
            refreshed += outcome == RefreshOutcome.Refreshed ? 1 : 0;
            if (outcome is RefreshOutcome.Failed or RefreshOutcome.ReconnectNeeded)
            {
                LogRefreshFailed(logger, connection.Connector, outcome);
            }
        }

        return refreshed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Vault.RefreshPollInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPassFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "Refreshing a connection to {Connector} ended {Outcome}")]
    private static partial void LogRefreshFailed(ILogger logger, string connector, RefreshOutcome outcome);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Error, Message = "A connection refresh pass failed; it will be retried")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
