using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using AuthPlane.Sample.McpServer;
using ModelContextProtocol.Client;

namespace AuthPlane.Sdk.Tests.Sample;

/// <summary>Starts the real sample server and connects the official MCP client to it.</summary>
internal static class SampleHost
{
    /// <summary>
    /// Starts the sample with <paramref name="args"/> and the dev-authority switch, logging warnings only, its dev
    /// authority on a free port with its state in memory (so parallel tests never share a port or a state directory).
    /// </summary>
    public static Task<SampleServer> StartAsync(params string[] args) =>
        SampleServer.StartAsync([.. args, SampleServer.DevAuthoritySwitch, "--DevAuthority:Port=0", "--DevAuthority:StateDirectory=", "--Logging:LogLevel:Default=Warning"]);

    /// <summary>The official MCP client over Streamable HTTP, sending <paramref name="token"/> as a bearer token.</summary>
    public static async Task<McpClient> ConnectAsync(string mcpUrl, string token)
    {
        var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var transport = new HttpClientTransport(
            new HttpClientTransportOptions { Endpoint = new Uri(mcpUrl), TransportMode = HttpTransportMode.StreamableHttp },
            http,
            loggerFactory: null,
            ownsHttpClient: true);
        return await McpClient.CreateAsync(transport);
    }

    /// <summary>A free loopback port: the sample needs its port before it starts (the resource URI names it), so port 0 cannot be used.</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
