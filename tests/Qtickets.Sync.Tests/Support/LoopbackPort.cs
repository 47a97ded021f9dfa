using System.Net;
using System.Net.Sockets;

namespace Qtickets.Sync.Tests.Support;

/// <summary>A loopback port nothing listens on right now, for a host or process a test starts on a real socket.</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
