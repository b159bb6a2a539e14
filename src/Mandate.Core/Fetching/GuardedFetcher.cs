using Mandate.Core.Configuration;
using Mandate.Protocol.Net;
using Microsoft.Extensions.Options;

namespace Mandate.Core.Fetching;

/// <summary>
/// One shared HttpClient over the SSRF-guarded handler: public addresses only (loopback over plain HTTP when the
/// operator allowed it for tests), no redirects, no proxy, no cookies, bounded time and size.
/// </summary>
public sealed class GuardedFetcher : IOutboundFetcher, IDisposable
{
    private readonly SsrfPolicy policy;
    private readonly HttpClient client;

    public GuardedFetcher(IOptions<MandateOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var security = options.Value.Security;
        policy = new SsrfPolicy
        {
            AllowLoopback = security.AllowLoopbackFetch,
            RequireHttps = !security.AllowLoopbackFetch,
            Timeout = security.FetchTimeout,
        };
        client = GuardedHttpClient.Create(policy, security);
    }

    public bool IsAllowed(Uri uri, out string? reason) => SsrfGuard.IsUrlAllowed(uri, policy, out reason);

    public Task<SsrfFetchResult> FetchAsync(Uri uri, string accept, long maxBytes, CancellationToken cancellationToken) =>
        SsrfGuard.FetchAsync(client, uri, policy with { MaxResponseBytes = maxBytes }, accept, cancellationToken);

    public void Dispose() => client.Dispose();
}
