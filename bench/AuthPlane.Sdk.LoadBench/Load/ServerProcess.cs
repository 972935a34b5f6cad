using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using AuthPlane.Sdk.LoadBench.Server;

namespace AuthPlane.Sdk.LoadBench.Load;

/// <summary>One benchmarked server, in its own process on its own loopback port.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private static readonly HttpClient s_http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(5) }) { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Process _process;

    private ServerProcess(Process process, ServerKind kind, int port, TimeSpan startup)
    {
        _process = process;
        Kind = kind;
        Port = port;
        StartupToFirst200 = startup;
    }

    /// <summary>How the server authenticates.</summary>
    public ServerKind Kind { get; }

    /// <summary>Its loopback port.</summary>
    public int Port { get; }

    /// <summary>Its process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>The MCP endpoint URL.</summary>
    public string McpUrl => $"http://127.0.0.1:{Port}{ServerArguments.McpPath}";

    /// <summary>Time from the process start to the first 200 answer to the probe request.</summary>
    public TimeSpan StartupToFirst200 { get; }

    /// <summary>
    /// Starts a server and waits until <paramref name="probe"/> (a <c>tools/call</c> the server must accept)
    /// answers 200 with the tool's result; throws after 60 s or when the process exits.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(ServerKind kind, BenchAuthority authority, Func<string, HttpRequestMessage> probe)
    {
        var port = FreePort();
        var arguments = new ServerArguments(kind, port, authority.Issuer, authority.MetadataUrl, Environment.ProcessId);
        var startInfo = SelfStartInfo(arguments.ToCommandLine());
        var clock = Stopwatch.StartNew();
        var process = ChildProcesses.Start(startInfo);
        var url = $"http://127.0.0.1:{port}{ServerArguments.McpPath}";
        var last = "no answer";
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{kind} server exited with code {process.ExitCode} before answering");
            }

            try
            {
                using var request = probe(url);
                using var response = await s_http.SendAsync(request).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var elapsed = clock.Elapsed;
                    var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                    if (!body.Contains("\"result\"", StringComparison.Ordinal) || body.Contains("\"isError\":true", StringComparison.Ordinal))
                    {
                        await ChildProcesses.StopAsync(process).ConfigureAwait(false);
                        throw new InvalidOperationException($"{kind} server answered 200 without a tool result: {body}");
                    }

                    return new ServerProcess(process, kind, port, elapsed);
                }

                last = $"{(int)response.StatusCode} {response.Headers.WwwAuthenticate}";
            }
            catch (HttpRequestException exception) when (exception.InnerException is SocketException)
            {
                // Not listening yet.
            }

            await Task.Delay(5).ConfigureAwait(false);
        }

        await ChildProcesses.StopAsync(process).ConfigureAwait(false);
        throw new TimeoutException($"{kind} server gave no 200 within 60 s (last: {last})");
    }

    /// <summary>The server's allocation, GC and request counters; <paramref name="collect"/> forces a full collection first.</summary>
    public async Task<ServerStats> StatsAsync(bool collect = false)
    {
        var url = $"http://127.0.0.1:{Port}{ServerArguments.StatsPath}{(collect ? "?collect=1" : string.Empty)}";
        return await s_http.GetFromJsonAsync(url, ServerStatsJson.Default.ServerStats).ConfigureAwait(false)
            ?? throw new InvalidOperationException("empty stats");
    }

    /// <summary>MCP requests the server has received so far.</summary>
    public async Task<long> RequestCountAsync() =>
        long.Parse(await s_http.GetStringAsync($"http://127.0.0.1:{Port}{ServerArguments.RequestCountPath}").ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The server process's CPU time (user + system) so far.</summary>
    public TimeSpan CpuTime() => Machine.CpuTime(ProcessId);

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await ChildProcesses.StopAsync(_process).ConfigureAwait(false);

    // The driver's own executable in server mode: the apphost directly, or `dotnet <dll>` when run through dotnet.
    private static ProcessStartInfo SelfStartInfo(IReadOnlyList<string> arguments)
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var startInfo = new ProcessStartInfo(host) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            startInfo.ArgumentList.Add(typeof(ServerProcess).Assembly.Location);
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return startInfo;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
