using Mandate.Core.Audit;
using Mandate.Core.Configuration;
using Mandate.Core.Keys;
using Mandate.Core.Ledger;
using Mandate.Core.Ledger.Checkpoints;
using Mandate.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Tests.Ledger;

/// <summary>A real server whose ledger signs checkpoints only when a test asks (the interval is an hour).</summary>
public sealed class LedgerServer : IAsyncLifetime, IAsyncDisposable
{
    public MandateTestServer Server { get; private set; } = null!;

    public HttpClient Http { get; } = new();

    public string Url(string path) => Server.Issuer + path;

    /// <summary>What an auditor keeps: the verifier key string.</summary>
    public string VerifierKey => Server.Services.GetRequiredService<LedgerKey>().VerifierKey;

    /// <summary>A started server whose log holds <paramref name="entries"/> entries, all in its latest checkpoint.</summary>
    public static async Task<LedgerServer> StartAsync(int entries)
    {
        var ledger = new LedgerServer();
        await ledger.InitializeAsync();
        await ledger.AppendAsync(entries);
        await ledger.CheckpointAsync();
        return ledger;
    }

    /// <summary>
    /// The key ring records the signing key it creates at start-up as the log's first entry; here it records nothing, so
    /// that the log holds exactly the test's entries (entry i is tool "t{i}").
    /// </summary>
    public async Task InitializeAsync() =>
        Server = await MandateTestServer.StartAsync(
            new Dictionary<string, string?> { ["Ledger:CheckpointInterval"] = "01:00:00" },
            services => services.AddSingleton(sp => new KeyRing(
                sp.GetRequiredService<ISigningKeyStore>(),
                sp.GetRequiredService<IOptions<MandateOptions>>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<KeyRing>>())));

    /// <summary>Appends <paramref name="count"/> events (tools t{first}...) and returns the first audit id.</summary>
    public Task<long> AppendAsync(int count, int first = 0) =>
        Server.Services.GetRequiredService<IAuditSink>().RecordAllAsync(
            Enumerable.Range(first, count).Select(i => new AuditEvent { Timestamp = DateTimeOffset.UnixEpoch.AddSeconds(i), Kind = "test.event", Decision = "allow", Tool = "t" + i }).ToList(),
            CancellationToken.None).AsTask();

    public async Task<StoredCheckpoint> CheckpointAsync() =>
        (await Server.Services.GetRequiredService<LedgerCheckpointer>().CheckpointAsync(CancellationToken.None))!;

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());
}
