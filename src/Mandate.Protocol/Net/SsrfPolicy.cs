namespace Mandate.Protocol.Net;

/// <summary>
/// Rules for outbound HTTP requests to URLs supplied by clients (metadata documents, JWKS, ...).
/// Link-local (including cloud metadata at 169.254.169.254), multicast, documentation, reserved and
/// unspecified addresses are never allowed, whatever the policy says.
/// </summary>
public sealed record SsrfPolicy
{
    /// <summary>Default overall timeout: 5 seconds.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Default response size limit: 64 KiB.</summary>
    public const long DefaultMaxResponseBytes = 64 * 1024;

    /// <summary>
    /// Allow connections to loopback addresses (127/8, ::1). Default false; meant for tests and local development.
    /// </summary>
    public bool AllowLoopback { get; init; }

    /// <summary>
    /// Allow connections to private addresses (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7). Default false.
    /// </summary>
    public bool AllowPrivateNetworks { get; init; }

    /// <summary>
    /// Require <c>https</c>. Default true. When false, plain <c>http</c> is allowed only if
    /// <see cref="AllowLoopback"/> is true and every address of the host is a loopback address.
    /// </summary>
    public bool RequireHttps { get; init; } = true;

    /// <summary>Overall time limit for a fetch (connect, headers and body); also the connect timeout. Default 5 s.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>Maximum response body size in bytes. Default 64 KiB.</summary>
    public long MaxResponseBytes { get; init; } = DefaultMaxResponseBytes;

    /// <summary>True when plain <c>http</c> URLs may be used at all (to loopback hosts only).</summary>
    internal bool PlainHttpAllowed => !RequireHttps && AllowLoopback;

    /// <summary>Returns null when a connection to an address of the given class is allowed, else the reason.</summary>
    internal string? Check(AddressClass addressClass, bool plainHttp)
    {
        if (plainHttp && addressClass != AddressClass.Loopback)
        {
            return "http only allowed to loopback";
        }

        return addressClass switch
        {
            AddressClass.Public => null,
            AddressClass.Loopback => AllowLoopback ? null : "loopback address",
            AddressClass.Private => AllowPrivateNetworks ? null : "private address",
            _ => "private address",
        };
    }
}
