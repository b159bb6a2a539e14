using System.Net;
using System.Net.Sockets;

namespace Mandate.Protocol.Net;

/// <summary>
/// Classifies IP addresses for server-side request forgery (SSRF) protection.
/// </summary>
public static class NetworkAddresses
{
    /// <summary>
    /// True when <paramref name="address"/> is a globally routable unicast address. False for loopback,
    /// unspecified, private (RFC 1918), carrier-grade NAT (100.64/10), link-local, unique-local (fc00::/7),
    /// site-local (fec0::/10), multicast, broadcast, "this network" (0/8), IETF protocol assignments
    /// (192.0.0/24), documentation (192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32), benchmarking
    /// (198.18/15, 2001:2::/48), reserved (240/4), discard-only (100::/64) and any IPv6 address outside 2000::/3.
    /// IPv4-mapped, IPv4-compatible, NAT64 (64:ff9b::/96) and 6to4 (2002::/16) addresses are judged by
    /// their embedded IPv4 address.
    /// </summary>
    /// <param name="address">The address to classify.</param>
    /// <returns>True only for public unicast addresses.</returns>
    public static bool IsPubliclyRoutable(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return Classify(address) == AddressClass.Public;
    }

    /// <summary>
    /// True for IPv4 127.0.0.0/8, IPv6 <c>::1</c> and IPv4-mapped loopback (<c>::ffff:127.x.y.z</c>).
    /// </summary>
    /// <param name="address">The address to classify.</param>
    /// <returns>True when the address is a loopback address.</returns>
    public static bool IsLoopback(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return Classify(address) == AddressClass.Loopback;
    }

    /// <summary>Classifies an address into the categories used by <see cref="SsrfPolicy"/>.</summary>
    internal static AddressClass Classify(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> v4 = stackalloc byte[4];
            address.TryWriteBytes(v4, out _);
            return ClassifyV4(v4);
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return AddressClass.Blocked;
        }

        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out _);
        return ClassifyV6(b);
    }

    private static AddressClass ClassifyV6(ReadOnlySpan<byte> b)
    {
        var first12Zero = b[..12].IndexOfAnyExcept((byte)0) < 0;
        if (first12Zero)
        {
            // ::/128 unspecified, ::1 loopback, otherwise IPv4-compatible ::a.b.c.d (deprecated).
            if (b[12..15].IndexOfAnyExcept((byte)0) < 0 && b[15] is 0 or 1)
            {
                return b[15] == 1 ? AddressClass.Loopback : AddressClass.Blocked;
            }

            return PublicOrBlocked(b[12..]);
        }

        // ::ffff:a.b.c.d — the socket layer really connects to the IPv4 address, so classify it fully.
        if (b[..10].IndexOfAnyExcept((byte)0) < 0 && b[10] == 0xFF && b[11] == 0xFF)
        {
            return ClassifyV4(b[12..]);
        }

        // 64:ff9b::/96 NAT64 well-known prefix.
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b[4..12].IndexOfAnyExcept((byte)0) < 0)
        {
            return PublicOrBlocked(b[12..]);
        }

        // Global unicast is 2000::/3; everything else (fc00::/7, fe80::/10, fec0::/10, ff00::/8,
        // 100::/64, 64:ff9b:1::/48 ...) is not publicly routable.
        if ((b[0] & 0xE0) != 0x20)
        {
            return b[0] is 0xFC or 0xFD ? AddressClass.Private : AddressClass.Blocked;
        }

        // 2001:db8::/32 documentation.
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8)
        {
            return AddressClass.Blocked;
        }

        // 2001:2::/48 benchmarking.
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x02 && b[4] == 0x00 && b[5] == 0x00)
        {
            return AddressClass.Blocked;
        }

        // 2002::/16 6to4: the embedded IPv4 address is bytes 2..5.
        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return PublicOrBlocked(b[2..6]);
        }

        return AddressClass.Public;
    }

    private static AddressClass PublicOrBlocked(ReadOnlySpan<byte> v4) =>
        ClassifyV4(v4) == AddressClass.Public ? AddressClass.Public : AddressClass.Blocked;

    private static AddressClass ClassifyV4(ReadOnlySpan<byte> a)
    {
        return a[0] switch
        {
            0 => AddressClass.Blocked,                                         // 0.0.0.0/8 "this network"
            10 => AddressClass.Private,                                        // 10/8
            100 when (a[1] & 0xC0) == 64 => AddressClass.Private,              // 100.64/10 CGNAT
            127 => AddressClass.Loopback,                                      // 127/8
            169 when a[1] == 254 => AddressClass.Blocked,                      // 169.254/16 link-local, cloud metadata
            172 when (a[1] & 0xF0) == 16 => AddressClass.Private,              // 172.16/12
            192 when a[1] == 168 => AddressClass.Private,                      // 192.168/16
            192 when a[1] == 0 && a[2] is 0 or 2 => AddressClass.Blocked,      // 192.0.0/24, 192.0.2/24
            198 when (a[1] & 0xFE) == 18 => AddressClass.Blocked,              // 198.18/15 benchmarking
            198 when a[1] == 51 && a[2] == 100 => AddressClass.Blocked,        // 198.51.100/24
            203 when a[1] == 0 && a[2] == 113 => AddressClass.Blocked,         // 203.0.113/24
            >= 224 => AddressClass.Blocked,                                    // 224/4 multicast, 240/4 reserved, broadcast
            _ => AddressClass.Public,
        };
    }
}
