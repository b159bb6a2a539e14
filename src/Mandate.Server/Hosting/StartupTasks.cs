using Mandate.Core.Configuration;
using Mandate.Core.Keys;
using Mandate.Core.Ledger;
using Mandate.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Hosting;

/// <summary>Before the server takes requests: migrate the store, check the ledger's stored tail, and load (or create) the signing keys.</summary>
public sealed partial class StartupTasks(StorageInitializer storage, LedgerStartupCheck ledger, KeyRing keys, IOptions<MandateOptions> options, ILogger<StartupTasks> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await storage.InitializeAsync(cancellationToken);
        await ledger.RunAsync(cancellationToken);
        if (!options.Value.Ledger.Enabled)
        {
            LogLedgerDisabled(logger);
        }

        await keys.RefreshAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "Ledger:Enabled is false: no decision is recorded and responses carry no audit ids. Use this only to measure what the ledger costs.")]
    private static partial void LogLedgerDisabled(ILogger logger);
}
