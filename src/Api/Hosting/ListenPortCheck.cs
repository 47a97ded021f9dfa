using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace Qtickets.Sync.Api.Hosting;

/// <summary>
/// Checks, before the database is touched and before any job starts, that the addresses in <c>urls</c>
/// (ASPNETCORE_URLS, --urls) are free. Kestrel would find out only after every hosted service had started, and
/// report it as a stack trace.
/// </summary>
public static class ListenPortCheck
{
    public static void EnsureListenPortsFree(this WebApplication app)
    {
        // Without urls the host picks its defaults (or a test server is in place): nothing of the operator's to check.
        var urls = app.Configuration["urls"];
        if (string.IsNullOrWhiteSpace(urls))
        {
            return;
        }
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Endpoint(url) is { } endpoint && IsTaken(endpoint))
            {
                throw new StartupFailureException(
                    $"port {endpoint.Port} on {endpoint.Address} is in use (ASPNETCORE_URLS={urls}): stop the other program or set ASPNETCORE_URLS to a free port");
            }
        }
    }

    /// <summary>The address Kestrel would bind for <paramref name="url"/>; null when it picks one itself (port 0, a unix socket).</summary>
    private static IPEndPoint? Endpoint(string url)
    {
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(url);
        }
        catch (FormatException)
        {
            // Kestrel reports a malformed address itself, naming it.
            return null;
        }
        if (address.IsUnixPipe || address.Port == 0)
        {
            return null;
        }
        var ip = address.Host switch
        {
            "localhost" => IPAddress.Loopback,
            _ when IPAddress.TryParse(address.Host, out var parsed) => parsed,
            // "*", "+" or a host name: Kestrel listens on every interface.
            _ => IPAddress.Any,
        };
        return new IPEndPoint(ip, address.Port);
    }

    private static bool IsTaken(IPEndPoint endpoint)
    {
        var listener = new TcpListener(endpoint);
        try
        {
            listener.Start();
            return false;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return true;
        }
        finally
        {
            listener.Stop();
        }
    }
}
