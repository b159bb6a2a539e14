using System.Net.Http.Headers;
using Mandate.Core.Configuration;
using Mandate.Protocol.Net;
using Microsoft.Extensions.Options;

namespace Mandate.Core.Fetching;

/// <summary>
/// POSTs over the SSRF-guarded handler, with the same policy as <see cref="GuardedFetcher"/>: public addresses only
/// (loopback over plain HTTP only when Security:AllowLoopbackFetch), checked at connect time, no redirects followed,
/// bounded time.
/// </summary>
public sealed class GuardedPoster : IOutboundPoster, IDisposable
{
    private readonly SsrfPolicy policy;
    private readonly HttpClient client;

    public GuardedPoster(IOptions<MandateOptions> options)
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

    public async Task<OutboundPostResult> PostJsonAsync(Uri uri, ReadOnlyMemory<byte> body, IReadOnlyList<KeyValuePair<string, string>> headers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(headers);
        if (!SsrfGuard.IsUrlAllowed(uri, policy, out var reason))
        {
            return new OutboundPostResult(false, 0, "blocked: " + reason);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(policy.Timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ReadOnlyMemoryContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            return status is >= 200 and < 300
                ? new OutboundPostResult(true, status, null)
                : new OutboundPostResult(false, status, "http " + status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new OutboundPostResult(false, 0, "timeout");
        }
        catch (HttpRequestException ex)
        {
            return new OutboundPostResult(false, 0, SsrfGuard.Describe(ex));
        }
    }

    public void Dispose() => client.Dispose();
}
