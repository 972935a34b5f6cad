using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AuthPlane.Sdk.Tests.Redis;

/// <summary>A <c>redis-server</c> process started from PATH on a free loopback port, without persistence; stopped on dispose.</summary>
internal sealed class RedisServer : IDisposable
{
    private readonly Process _process;

    private RedisServer(Process process, int port)
    {
        _process = process;
        Endpoint = $"127.0.0.1:{port}";
    }

    /// <summary>host:port of the server.</summary>
    public string Endpoint { get; }

    /// <summary>Starts a server on <paramref name="port"/> (a free one when null), for example again on the port of a stopped one.</summary>
    public static RedisServer Start(int? port = null)
    {
        var chosen = port ?? FreePort();
        var info = new ProcessStartInfo("redis-server")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "--port", chosen.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            info.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start.");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException(
                "The Redis tests need a Redis server: set AUTHPLANE_TEST_REDIS=host:port, or install redis-server so it is on PATH (.ci/run installs it).", ex);
        }

        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServer(process, chosen);
        if (!WaitUntilReady(chosen, TimeSpan.FromSeconds(10)))
        {
            server.Dispose();
            throw new InvalidOperationException($"redis-server started on port {chosen} but did not answer PING within 10 seconds.");
        }

        return server;
    }

    /// <summary>Stops the server (as an outage would) and waits until it has exited.</summary>
    public void Stop()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        Stop();
        _process.Dispose();
    }

    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool WaitUntilReady(int port, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                using var stream = client.GetStream();
                stream.Write("PING\r\n"u8);
                var buffer = new byte[16];
                var read = stream.Read(buffer);
                if (Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal))
                {
                    return true;
                }
            }
            catch (SocketException)
            {
                // not listening yet
            }
            catch (IOException)
            {
                // still starting
            }

            Thread.Sleep(50); // polling a starting process, not a freshness window
        }

        return false;
    }
}

/// <summary>
/// The Redis server shared by the Redis tests: <c>AUTHPLANE_TEST_REDIS</c> (host:port) when set, otherwise a
/// <c>redis-server</c> of its own; when neither is possible every test fails with a message saying how to fix it.
/// </summary>
public sealed class RedisFixture : IDisposable
{
    private readonly RedisServer? _ownServer;

    public RedisFixture()
    {
        var configured = Environment.GetEnvironmentVariable("AUTHPLANE_TEST_REDIS");
        if (string.IsNullOrWhiteSpace(configured))
        {
            _ownServer = RedisServer.Start();
            Endpoint = _ownServer.Endpoint;
        }
        else
        {
            Endpoint = configured.Trim();
        }
    }

    /// <summary>host:port of the shared server.</summary>
    public string Endpoint { get; }

    public void Dispose() => _ownServer?.Dispose();
}
