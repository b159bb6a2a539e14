using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using Mandate.Core.Gateway.Authorization;
using Mandate.Core.Tokens;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mandate.Benchmarks;

/// <summary>
/// The gateway's token check for a token it has seen: SHA-256 of the token, a cache lookup, the audience and the
/// revocation-interval check; no signature work. Target: 500,000 per second per core.
/// </summary>
[MemoryDiagnoser]
public class GatewayCachedValidation : IDisposable
{
    private BenchKeys keys = null!;
    private GatewayTokenValidator validator = null!;
    private BenchMeterFactory meters = null!;

    [GlobalSetup]
    public void Setup()
    {
        keys = new BenchKeys("ES256");
        meters = new BenchMeterFactory();
        validator = new GatewayTokenValidator(
            new AccessTokenValidator(keys.Ring, keys.Options, TimeProvider.System),
            new NeverRevoked(),
            keys.Options,
            TimeProvider.System,
            meters,
            NullLogger<GatewayTokenValidator>.Instance);
        if (validator.ValidateAsync(keys.Token, BenchKeys.Resource, CancellationToken.None).AsTask().GetAwaiter().GetResult() is null)
        {
            throw new InvalidOperationException("The benchmark token does not verify.");
        }
    }

    [Benchmark]
    public async ValueTask<bool> ValidateCached() => await validator.ValidateAsync(keys.Token, BenchKeys.Resource, CancellationToken.None) is not null;

    public void Dispose()
    {
        keys?.Dispose();
        meters?.Dispose();
        GC.SuppressFinalize(this);
    }

    private sealed class NeverRevoked : IRevokedAccessTokenStore
    {
        public Task RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<bool> IsRevokedAsync(string tokenId, CancellationToken cancellationToken) => Task.FromResult(false);

        public Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) => Task.FromResult(0);
    }

    private sealed class BenchMeterFactory : IMeterFactory
    {
        private readonly List<Meter> meters = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options);
            meters.Add(meter);
            return meter;
        }

        public void Dispose()
        {
            foreach (var meter in meters)
            {
                meter.Dispose();
            }
        }
    }
}
