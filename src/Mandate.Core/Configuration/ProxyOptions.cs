namespace Mandate.Core.Configuration;

/// <summary>
/// The reverse proxies whose X-Forwarded-For Mandate believes. Without them, every client seems to come from the
/// proxy, and per-address login throttling and registration limits would lump everyone together.
/// </summary>
public sealed class ProxyOptions
{
    /// <summary>Addresses of trusted proxies (e.g. 127.0.0.1).</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR form (e.g. 10.0.0.0/8).</summary>
    public List<string> KnownNetworks { get; set; } = [];
}
