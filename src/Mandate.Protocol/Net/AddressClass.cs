namespace Mandate.Protocol.Net;

/// <summary>Coarse address categories used by the SSRF policy.</summary>
internal enum AddressClass
{
    /// <summary>Never allowed: link-local, multicast, documentation, reserved, unspecified, ...</summary>
    Blocked,

    /// <summary>Loopback: allowed only with <see cref="SsrfPolicy.AllowLoopback"/>.</summary>
    Loopback,

    /// <summary>RFC 1918, CGNAT and unique-local: allowed only with <see cref="SsrfPolicy.AllowPrivateNetworks"/>.</summary>
    Private,

    /// <summary>Globally routable unicast.</summary>
    Public,
}
