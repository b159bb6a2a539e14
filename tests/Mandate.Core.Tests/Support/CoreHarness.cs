using Mandate.Core.Clients;
using Mandate.Core.Configuration;
using Mandate.Core.Consents;
using Mandate.Core.Fetching;
using Mandate.Core.Keys;
using Mandate.Core.Resources;
using Mandate.Core.Tests.Fakes;
using Mandate.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Core.Tests.Support;

/// <summary>
/// The Core services as the server wires them (AddMandateCore), with a fake clock, a fake fetcher and a temporary
/// data directory. Stores are either the real SQLite ones (what production runs) or tiny in-memory fakes.
/// </summary>
public sealed class CoreHarness : IAsyncDisposable
{
    public const string Issuer = "https://as.example.com";
    public const string ResourceUri = "https://mcp.example.com/mcp";
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private CoreHarness(ServiceProvider services, FakeTimeProvider time, FakeFetcher fetcher, MandateOptions options, string dataDir, RecordingAuditSink? audit)
    {
        Audit = audit;
        Services = services;
        Time = time;
        Fetcher = fetcher;
        Options = options;
        DataDir = dataDir;
    }

    public ServiceProvider Services { get; }

    /// <summary>The events recorded, with the in-memory stores (with SQLite, the real ledger records them: null here).</summary>
    public RecordingAuditSink? Audit { get; }

    public FakeTimeProvider Time { get; }

    public FakeFetcher Fetcher { get; }

    /// <summary>The live options object: changes are seen by every service.</summary>
    public MandateOptions Options { get; }

    public string DataDir { get; }

    public static async Task<CoreHarness> CreateAsync(bool sqlite = false, Action<MandateOptions>? configure = null)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "mandate-core-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDir);
        var options = new MandateOptions { Issuer = Issuer, DataDir = dataDir };
        configure?.Invoke(options);
        var time = new FakeTimeProvider(Start);
        var fetcher = new FakeFetcher(options);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<IOutboundFetcher>(fetcher);
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        var audit = sqlite ? null : new RecordingAuditSink();
        if (audit is not null)
        {
            services.AddSingleton<Mandate.Core.Audit.IAuditSink>(audit);
        }

        services.AddMandateCore(dataDir);

        // The key ring records the keys it creates in the ledger; here it does not, so that a test's ledger holds only
        // the test's events (KeyRingTests check the recording).
        services.AddSingleton(sp => new KeyRing(sp.GetRequiredService<ISigningKeyStore>(), Microsoft.Extensions.Options.Options.Create(options), time, NullLogger<KeyRing>.Instance));
        if (sqlite)
        {
            services.AddMandateSqliteStorage(dataDir);
        }
        else
        {
            services.AddSingleton<IClientStore, InMemoryClientStore>();
            services.AddSingleton<IResourceStore, InMemoryResourceStore>();
            services.AddSingleton<IConsentStore, InMemoryConsentStore>();
        }

        var provider = services.BuildServiceProvider();
        if (sqlite)
        {
            await provider.GetRequiredService<StorageInitializer>().InitializeAsync(CancellationToken.None);
        }

        await provider.GetRequiredService<KeyRing>().RefreshAsync(CancellationToken.None);
        return new CoreHarness(provider, time, fetcher, options, dataDir, audit);
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public async Task<OAuthClient> AddClientAsync(OAuthClient client)
    {
        await Get<IClientStore>().AddAsync(client, CancellationToken.None);
        return client;
    }

    public async Task<ProtectedResource> AddResourceAsync(string uri = ResourceUri, params string[] scopes)
    {
        var resource = new ProtectedResource { Uri = uri, Name = "MCP", Scopes = scopes.Length > 0 ? scopes : ["tools.read", "tools.call"] };
        await Get<IResourceStore>().UpsertAsync(resource, CancellationToken.None);
        return resource;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory is harmless.
        }
    }
}
