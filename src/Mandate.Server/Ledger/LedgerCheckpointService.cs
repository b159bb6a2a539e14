using Mandate.Core.Configuration;
using Mandate.Core.Ledger.Checkpoints;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Ledger;

/// <summary>Signs a checkpoint at start, then every <c>Ledger:CheckpointInterval</c> when the log has grown.</summary>
public sealed class LedgerCheckpointService(
    LedgerCheckpointer checkpointer,
    LedgerKey key,
    IOptions<MandateOptions> options,
    TimeProvider time,
    ILogger<LedgerCheckpointService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var configured = LedgerOrigin.Resolve(options.Value);
        if (!string.Equals(configured, key.Origin, StringComparison.Ordinal))
        {
            LedgerServerLog.OriginKept(logger, key.Origin, configured);
        }

        await CheckpointAsync(stoppingToken);
        using var timer = new PeriodicTimer(options.Value.Ledger.CheckpointInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await CheckpointAsync(stoppingToken);
        }
    }

    private async Task CheckpointAsync(CancellationToken stoppingToken)
    {
        try
        {
            await checkpointer.CheckpointAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LedgerServerLog.CheckpointFailed(logger, ex);
        }
    }
}
