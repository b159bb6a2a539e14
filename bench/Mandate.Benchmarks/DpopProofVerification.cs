using BenchmarkDotNet.Attributes;
using Mandate.Core.Keys;
using Mandate.Protocol.Dpop;
using Mandate.Protocol.Jose;

namespace Mandate.Benchmarks;

/// <summary>
/// RFC 9449 proof checks per second: parse, header checks, jwk import, signature, claims (htm, htu, iat, ath). The
/// replay cache is a dictionary insert on top and is not measured here. Target: 10,000 ES256 verifications/s per core.
/// </summary>
[MemoryDiagnoser]
public class DpopProofVerification : IDisposable
{
    private const string Url = "https://mandate.bench.example/mcp/bench";
    private readonly DpopProofValidator validator = new();
    private JwsKey key = null!;
    private string proof = null!;
    private DpopProofContext context = null!;
    private DateTimeOffset now;

    [Params("ES256", "EdDSA")]
    public string Algorithm { get; set; } = "ES256";

    [GlobalSetup]
    public void Setup()
    {
        key = JwsKeyFactory.Generate(Algorithm, "bench");
        const string AccessToken = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJiZW5jaCJ9.c2lnbmF0dXJl";
        proof = new DpopProofBuilder(key).Create("POST", Url, AccessToken);
        context = new DpopProofContext("POST", Url) { AccessToken = AccessToken };
        now = TimeProvider.System.GetUtcNow();
        if (!validator.Validate(proof, context, now).IsValid)
        {
            throw new InvalidOperationException("The benchmark proof does not verify.");
        }
    }

    [Benchmark]
    public bool Verify() => validator.Validate(proof, context, now).IsValid;

    public void Dispose()
    {
        key?.Dispose();
        GC.SuppressFinalize(this);
    }
}
