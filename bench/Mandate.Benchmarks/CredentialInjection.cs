using BenchmarkDotNet.Attributes;
using Mandate.Core;
using Mandate.Core.Configuration;
using Mandate.Core.Gateway;
using Mandate.Core.Vault.Broker;
using Mandate.Core.Vault.Connections;
using Mandate.Core.Vault.Connectors;
using Mandate.Server.Gateway.Credentials;
using Mandate.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mandate.Benchmarks;

/// <summary>
/// What injection adds to a gateway call: the broker's lookup of the person's credential, then attaching it to the
/// upstream request. Cached: the decrypted credential is in the in-memory cache (the steady state; target under 50 µs
/// median). Uncached: the cache entry is dropped first, so each call reads the connection from SQLite and decrypts it
/// (AES-256-GCM under an already unwrapped data key): what the first call after Vault:CredentialCacheLifetime costs.
/// </summary>
[MemoryDiagnoser]
public class CredentialInjection : IDisposable
{
    private const string Person = "usr_bench";
    private const string Connector = "weather";

    private static readonly UpstreamCredential Bearer = new(Connector, CredentialPlacement.Bearer, null);
    private static readonly Uri UpstreamUrl = new("http://127.0.0.1:9/mcp");

    private ServiceProvider services = null!;
    private ICredentialBroker broker = null!;
    private CredentialMemoryCache cache = null!;
    private string dataDir = null!;

    [GlobalSetup]
    public void Setup()
    {
        dataDir = Path.Combine(Path.GetTempPath(), "mandate-bench-inject-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDir);
        var collection = new ServiceCollection();
        collection.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        collection.AddSingleton(TimeProvider.System);
        collection.AddSingleton(Microsoft.Extensions.Options.Options.Create(new MandateOptions { Issuer = "http://127.0.0.1:5080", DataDir = dataDir }));
        collection.AddMandateCore(dataDir);
        collection.AddMandateSqliteStorage(dataDir);
        services = collection.BuildServiceProvider();
        services.GetRequiredService<StorageInitializer>().InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        services.GetRequiredService<IConnectorStore>().UpsertAsync(new Connector { Name = Connector, Kind = ConnectorKind.ApiKey, CreatedAt = TimeProvider.System.GetUtcNow() }, CancellationToken.None).GetAwaiter().GetResult();
        var error = services.GetRequiredService<ConnectionService>().SaveApiKeyAsync(Person, Connector, "wk-live-" + Guid.NewGuid().ToString("N"), CancellationToken.None).GetAwaiter().GetResult();
        if (error is not null)
        {
            throw new InvalidOperationException(error);
        }

        broker = services.GetRequiredService<ICredentialBroker>();
        cache = services.GetRequiredService<CredentialMemoryCache>();
        if (!InjectAsync().GetAwaiter().GetResult())
        {
            throw new InvalidOperationException("The benchmark credential is not available.");
        }
    }

    [Benchmark(Baseline = true)]
    public Task<bool> InjectCached() => InjectAsync();

    [Benchmark]
    public Task<bool> InjectDecrypt()
    {
        cache.Invalidate(Person, Connector);
        return InjectAsync();
    }

    public void Dispose()
    {
        services?.Dispose();
        if (dataDir is not null && Directory.Exists(dataDir))
        {
            Directory.Delete(dataDir, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    private async Task<bool> InjectAsync()
    {
        var result = await broker.GetAsync(Person, Connector, CancellationToken.None);
        using var request = new HttpRequestMessage(HttpMethod.Post, UpstreamUrl);
        CredentialAttachment.Apply(request, Bearer, result.Credential!);
        return request.Headers.Authorization is not null;
    }
}
