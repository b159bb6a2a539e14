using Mandate.Core.Ledger;
using Mandate.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mandate.Benchmarks;

/// <summary>The SQLite ledger store exactly as the server wires it, over a data directory of its own.</summary>
public sealed class LedgerStoreFixture : IDisposable
{
    private readonly ServiceProvider services;

    private LedgerStoreFixture(ServiceProvider services, string dataDir)
    {
        this.services = services;
        DataDir = dataDir;
    }

    public string DataDir { get; }

    public string DatabasePath => Path.Combine(DataDir, "mandate.db");

    public ILedgerStore Store => services.GetRequiredService<ILedgerStore>();

    public static LedgerStoreFixture Open(string dataDir)
    {
        Directory.CreateDirectory(dataDir);
        var collection = new ServiceCollection();
        collection.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        collection.AddMandateSqliteStorage(dataDir);
        var provider = collection.BuildServiceProvider();
        provider.GetRequiredService<StorageInitializer>().InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        return new LedgerStoreFixture(provider, dataDir);
    }

    public void Dispose() => services.Dispose();
}
