using System.Net;
using System.Net.Sockets;

namespace Mandate.Testing;

public static class FreePort
{
    /// <summary>A port the OS just handed out on 127.0.0.1; released again for the caller to bind.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
