using System.Text;
using BenchmarkDotNet.Attributes;
using Mandate.Core.Mandates;
using Mandate.Core.Mandates.Enforcement;
using Mandate.Core.Tokens;
using Mandate.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Benchmarks;

/// <summary>
/// The gateway's mandate work on one tools/call (issue 6: under 100 µs median): the argument schema check of typical
/// arguments (the schema compiled once, as for a cached token), and the same plus the durable call counter (the
/// group-commit writer of `mandate serve`, over a SQLite data directory like its own: one conditional upsert per call,
/// one committed transaction per batch), by one caller (each call its own transaction) and by
/// <see cref="ConcurrentCallers"/> callers at once (the cost per call amortized over the batches they form).
/// </summary>
[MemoryDiagnoser]
public class MandateEnforcement : IDisposable
{
    private const string Details = """[{"type":"mandate","locations":["https://bench.example/mcp/github"],"tools":[{"name":"create_issue","arguments":{"type":"object","properties":{"repo":{"const":"acme/web"},"title":{"type":"string","maxLength":80},"body":{"type":"string","maxLength":4000},"labels":{"type":"array","items":{"enum":["bug","ui","backend"]},"maxItems":3}},"required":["repo","title"],"additionalProperties":false},"max_calls":3},{"name":"list_issues"}],"purpose":"file the bug report from this chat","expires_at":4102444800}]""";

    private static readonly ReadOnlyMemory<byte> Arguments = Encoding.UTF8.GetBytes(
        """{"repo":"acme/web","title":"Login button does nothing on Safari","body":"Steps: open /login in Safari 18, click Sign in. Nothing happens; the console shows a CSP error.","labels":["bug","ui"]}""");

    /// <summary>Callers counting at once in <see cref="CheckAndCountConcurrent"/>, as the gateway's requests would.</summary>
    public const int ConcurrentCallers = 64;

    private const int CallsPerInvocation = 4_096;

    private readonly string directory = Path.Combine(Path.GetTempPath(), "mandate-bench-" + Guid.NewGuid().ToString("N"));
    private ServiceProvider services = null!;
    private MandateEnforcer enforcer = null!;
    private IMandateCallCounter counter = null!;
    private AccessTokenClaims claims = null!;

    [GlobalSetup]
    public void Setup()
    {
        services = new ServiceCollection().AddMandateSqliteStorage(directory).BuildServiceProvider();
        services.GetRequiredService<StorageInitializer>().InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        counter = services.GetRequiredService<IMandateCallCounter>();
        enforcer = new MandateEnforcer(new ArgumentSchemaCache(), TimeProvider.System);
        claims = new AccessTokenClaims("jti", "usr_bench", "agent", "https://bench.example/mcp/github", null, TimeProvider.System.GetUtcNow(), TimeProvider.System.GetUtcNow().AddHours(1))
        {
            Mandate = MandateParser.Parse(Details).Mandate ?? throw new InvalidOperationException("The benchmark mandate does not parse."),
            MandateGrants = new MandateGrantChain([], "bench-grant"),
        };
        if (!Check().Allowed)
        {
            throw new InvalidOperationException("The benchmark arguments do not satisfy the schema.");
        }
    }

    /// <summary>Tool lookup, expiry and the argument schema (compiled once, evaluated per call).</summary>
    [Benchmark(Baseline = true)]
    public MandateVerdict Check() => enforcer.Check(claims, "create_issue", Arguments);

    /// <summary>The check and the durable counter, as the gateway does for a tool with max_calls.</summary>
    [Benchmark]
    public Task<CallCharge?> CheckAndCount() => CheckAndCountOnceAsync();

    /// <summary>The same, <see cref="ConcurrentCallers"/> callers at once: the mean is per call.</summary>
    [Benchmark(OperationsPerInvoke = CallsPerInvocation)]
    public Task CheckAndCountConcurrent() =>
        Task.WhenAll(Enumerable.Range(0, ConcurrentCallers).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < CallsPerInvocation / ConcurrentCallers; i++)
            {
                await CheckAndCountOnceAsync();
            }
        })));

    [GlobalCleanup]
    public void Cleanup()
    {
        services.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    private async Task<CallCharge?> CheckAndCountOnceAsync()
    {
        var verdict = Check();

        // The limit is lifted so every iteration takes the counting path (a full counter would refuse instead).
        return await counter.TryCountAsync([.. verdict.Charges.Select(c => c with { MaxCalls = int.MaxValue })], CancellationToken.None)
            is { } full ? throw new InvalidOperationException($"Counter {full.GrantId} refused a call.") : null;
    }

    public void Dispose()
    {
        services?.Dispose();
        GC.SuppressFinalize(this);
    }
}
