namespace Mandate.Server.Gateway.Upstreams;

/// <summary>Limits on asking an upstream for its tools.</summary>
public sealed class UpstreamFetchOptions
{
    /// <summary>For the whole exchange: initialize, every tools/list page.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The most bytes read from any one response.</summary>
    public long MaxResponseBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>The most tools/list pages followed; beyond it the listing is refused, not truncated.</summary>
    public int MaxPages { get; set; } = 100;
}
