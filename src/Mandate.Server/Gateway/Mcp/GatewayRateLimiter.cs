using System.Threading.RateLimiting;
using Mandate.Core.Configuration;
using Microsoft.Extensions.Options;

namespace Mandate.Server.Gateway.Mcp;

/// <summary>
/// Per-client and per-user request budgets (Gateway:ClientRequestsPerMinute, Gateway:UserRequestsPerMinute; 0 = off),
/// in fixed one-minute windows kept in process memory. A request spends from both; the first that is empty refuses.
/// </summary>
public sealed class GatewayRateLimiter : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<string>? perClient;
    private readonly PartitionedRateLimiter<string>? perUser;

    public GatewayRateLimiter(IOptions<MandateOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        perClient = Create(options.Value.Gateway.ClientRequestsPerMinute);
        perUser = Create(options.Value.Gateway.UserRequestsPerMinute);
    }

    /// <summary>Null when the request may go on; otherwise how long to wait before retrying.</summary>
    public TimeSpan? TryAcquire(string clientId, string subject)
    {
        return Refusal(perClient, clientId) ?? Refusal(perUser, subject);

        static TimeSpan? Refusal(PartitionedRateLimiter<string>? limiter, string key)
        {
            if (limiter is null)
            {
                return null;
            }

            using var lease = limiter.AttemptAcquire(key);
            if (lease.IsAcquired)
            {
                return null;
            }

            return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : Window;
        }
    }

    public void Dispose()
    {
        perClient?.Dispose();
        perUser?.Dispose();
    }

    private static PartitionedRateLimiter<string>? Create(int perMinute) => perMinute <= 0
        ? null
        : PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
}
