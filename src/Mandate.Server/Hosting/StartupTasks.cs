using Mandate.Core.Keys;
using Mandate.Core.Ledger;
using Mandate.Storage;
using Microsoft.Extensions.Hosting;

namespace Mandate.Server.Hosting;

/// <summary>Before the server takes requests: migrate the store, check the ledger's stored tail, and load (or create) the signing keys.</summary>
public sealed class StartupTasks(StorageInitializer storage, LedgerStartupCheck ledger, KeyRing keys) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await storage.InitializeAsync(cancellationToken);
        await ledger.RunAsync(cancellationToken);
        await keys.RefreshAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
