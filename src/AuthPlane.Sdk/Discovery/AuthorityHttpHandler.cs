using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace AuthPlane.Sdk.Discovery;

/// <summary>
/// Builds the primary handler of the <see cref="AuthPlaneHttpClients.Authority"/> client. Outside dev mode it is an
/// SSRF guard: the connection is made only to public addresses of the resolved host, checked at connect time so a
/// DNS answer that changes between checks (rebinding) cannot reach an internal service.
/// </summary>
internal static class AuthorityHttpHandler
{
    /// <summary>Creates the handler: redirects off, address guard on unless <paramref name="devMode"/>.</summary>
    public static SocketsHttpHandler Create(bool devMode)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        if (!devMode)
        {
            handler.ConnectCallback = ConnectToPublicAddressAsync;
        }

        return handler;
    }

    /// <summary>Connects to the first reachable public address of the endpoint's host; refuses when it has none.</summary>
    public static async ValueTask<Stream> ConnectToPublicAddressAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var endPoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endPoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endPoint.Host, cancellationToken).ConfigureAwait(false);
        var allowed = Array.FindAll(addresses, IsPublicAddress);
        if (allowed.Length == 0)
        {
            throw new HttpRequestException(
                "The authority host resolves only to loopback, private, link-local or unspecified addresses; such addresses are allowed only in dev mode.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>True when <paramref name="address"/> is a globally routable unicast address.</summary>
    public static bool IsPublicAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> b = stackalloc byte[4];
            address.TryWriteBytes(b, out _);
            return !(b[0] == 0                                   // 0.0.0.0/8 unspecified
                || b[0] == 10                                    // 10.0.0.0/8 private
                || b[0] == 127                                   // loopback
                || (b[0] == 169 && b[1] == 254)                  // link-local
                || (b[0] == 172 && (b[1] & 0xF0) == 16)          // 172.16.0.0/12 private
                || (b[0] == 192 && b[1] == 168)                  // 192.168.0.0/16 private
                || (b[0] == 100 && (b[1] & 0xC0) == 64)          // 100.64.0.0/10 shared address space
                || b[0] >= 224);                                 // multicast, reserved, broadcast
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            Span<byte> b = stackalloc byte[16];
            address.TryWriteBytes(b, out _);
            return !(address.Equals(IPAddress.IPv6Any)
                || address.Equals(IPAddress.IPv6Loopback)
                || address.IsIPv6LinkLocal
                || address.IsIPv6SiteLocal
                || address.IsIPv6Multicast
                || (b[0] & 0xFE) == 0xFC);                       // fc00::/7 unique local
        }

        return false;
    }
}
