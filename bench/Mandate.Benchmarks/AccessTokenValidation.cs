using BenchmarkDotNet.Attributes;
using Mandate.Core.Tokens;

namespace Mandate.Benchmarks;

/// <summary>RFC 9068 access token validation with signature work (what a cache miss costs).</summary>
[MemoryDiagnoser]
public class AccessTokenValidation : IDisposable
{
    private BenchKeys keys = null!;
    private AccessTokenValidator validator = null!;

    [Params("ES256", "EdDSA")]
    public string Algorithm { get; set; } = "ES256";

    [GlobalSetup]
    public void Setup()
    {
        keys = new BenchKeys(Algorithm);
        validator = new AccessTokenValidator(keys.Ring, keys.Options, TimeProvider.System);
        if (validator.Validate(keys.Token) is null)
        {
            throw new InvalidOperationException("The benchmark token does not verify.");
        }
    }

    [Benchmark]
    public bool Validate() => validator.Validate(keys.Token) is not null;

    public void Dispose()
    {
        keys?.Dispose();
        GC.SuppressFinalize(this);
    }
}
