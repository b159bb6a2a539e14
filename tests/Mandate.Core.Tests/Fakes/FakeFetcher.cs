using System.Text;
using Mandate.Core.Configuration;
using Mandate.Core.Fetching;
using Mandate.Protocol.Net;

namespace Mandate.Core.Tests.Fakes;

/// <summary>
/// Serves canned responses by URL and counts fetches. URL admission uses the real SSRF pre-flight check with the
/// same policy <see cref="GuardedFetcher"/> derives from the options, so URL rules behave as in production.
/// </summary>
public sealed class FakeFetcher(MandateOptions options) : IOutboundFetcher
{
    private readonly Dictionary<string, SsrfFetchResult> responses = new(StringComparer.Ordinal);

    public int FetchCount { get; private set; }

    public List<Uri> Fetched { get; } = [];

    public void Serve(string url, string body, TimeSpan? maxAge = null) =>
        responses[url] = new SsrfFetchResult(true, 200, Encoding.UTF8.GetBytes(body), "application/json", null, maxAge, null);

    public void Fail(string url, string error = "http 404") => responses[url] = SsrfFetchResult.Failure(error, 404);

    public Task<SsrfFetchResult> FetchAsync(Uri uri, string accept, long maxBytes, CancellationToken cancellationToken)
    {
        FetchCount++;
        Fetched.Add(uri);
        return Task.FromResult(responses.TryGetValue(uri.OriginalString, out var result) ? result : SsrfFetchResult.Failure("http 404", 404));
    }

    public bool IsAllowed(Uri uri, out string? reason) =>
        SsrfGuard.IsUrlAllowed(uri, new SsrfPolicy { AllowLoopback = options.Security.AllowLoopbackFetch, RequireHttps = !options.Security.AllowLoopbackFetch }, out reason);
}
