using System.Net;

namespace Mandate.LoadHarness.Load;

internal static class LoadHttpClient
{
    /// <summary>One keep-alive HTTP/1.1 connection per worker, no cookies, no redirects.</summary>
    public static HttpClient Create(int concurrency)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = concurrency,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
    }
}
