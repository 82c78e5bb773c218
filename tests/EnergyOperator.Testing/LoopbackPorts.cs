using System.Net;
using System.Net.Sockets;

namespace EnergyOperator.Testing;

public static class LoopbackPorts
{
    /// <summary>A loopback port nothing listens on right now, for a process under test to bind (or for a refused connection).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
