using Mandate.Core.Gateway;
using Microsoft.Extensions.DependencyInjection;

namespace Mandate.Server.Gateway.Upstreams;

public static class UpstreamServiceCollectionExtensions
{
    /// <summary>The <see cref="IUpstreamToolSource"/>: a typed HttpClient that never follows redirects and logs no URLs.</summary>
    public static IServiceCollection AddMandateUpstreamToolSource(this IServiceCollection services)
    {
        services.AddOptions<UpstreamFetchOptions>();
        services.AddHttpClient<IUpstreamToolSource, UpstreamToolFetcher>(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                ConnectTimeout = TimeSpan.FromSeconds(10),
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            })

            // Upstream URLs may carry keys in their query string; the factory's request logging would print them.
            .RemoveAllLoggers();
        return services;
    }
}
