namespace Mandate.Protocol.Internal;

/// <summary>Loopback host spellings accepted for native-app redirect URIs (RFC 8252 §7.3).</summary>
internal static class LoopbackHosts
{
    /// <summary>True for <c>127.0.0.1</c>, <c>[::1]</c> or <c>localhost</c> (ASCII case-insensitive).</summary>
    public static bool IsLoopbackHost(string host) =>
        string.Equals(host, "127.0.0.1", StringComparison.Ordinal)
        || string.Equals(host, "[::1]", StringComparison.Ordinal)
        || string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="port"/> is absent or 1–5 ASCII digits with a value up to 65535.</summary>
    public static bool IsValidPort(string? port)
    {
        if (port is null)
        {
            return true;
        }

        if (port.Length is 0 or > 5)
        {
            return false;
        }

        var value = 0;
        foreach (var c in port)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return value <= 65535;
    }
}
