using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AuthPlane.Sdk.LoadBench.Load;

/// <summary>What one wrk run reports (printed by the script's <c>done()</c> as one JSON line).</summary>
internal sealed record WrkResult(
    long Requests,
    long DurationUs,
    double P50Us,
    double P99Us,
    double MeanUs,
    double MaxUs,
    long Unexpected,
    long Reused,
    long ConnectErrors,
    long ReadErrors,
    long WriteErrors,
    long Timeouts)
{
    /// <summary>The first answer with an unexpected status (status, <c>WWW-Authenticate</c>, start of the body); null when none.</summary>
    [JsonIgnore]
    public string? FirstError { get; init; }

    /// <summary>Completed requests per second.</summary>
    public double RequestsPerSecond => Requests / (DurationUs / 1e6);

    /// <summary>Answers with the wrong status plus socket errors and timeouts.</summary>
    public long Errors => Unexpected + ConnectErrors + ReadErrors + WriteErrors + Timeouts;
}

/// <summary>Source-generated JSON for <see cref="WrkResult"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(WrkResult))]
internal sealed partial class WrkResultJson : JsonSerializerContext;

/// <summary>Runs the <c>wrk</c> load generator (Debian package <c>wrk</c>) with the benchmark's Lua script.</summary>
internal sealed class Wrk(string scriptPath, int threads, int connections)
{
    private const string ResultPrefix = "LOADBENCH ";
    private const string FirstErrorPrefix = "LOADBENCH-FIRST-ERROR ";

    /// <summary>Whether <c>wrk</c> is on the PATH.</summary>
    public static bool IsInstalled() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Any(static dir => File.Exists(Path.Combine(dir, "wrk")));

    /// <summary>
    /// Writes the embedded Lua script to <paramref name="directory"/>, and a copy that paces each of
    /// <paramref name="floodConnections"/> connections so that together they send about <paramref name="floodRate"/>
    /// requests per second (wrk's <c>delay()</c>, which must be defined when the script loads).
    /// </summary>
    public static (string Script, string FloodScript) WriteScripts(string directory, int floodRate, int floodConnections)
    {
        using var resource = typeof(Wrk).Assembly.GetManifestResourceStream("loadbench.lua") ?? throw new InvalidOperationException("loadbench.lua is not embedded");
        using var reader = new StreamReader(resource);
        var text = reader.ReadToEnd();
        var script = Path.Combine(directory, "loadbench.lua");
        var floodScript = Path.Combine(directory, "loadbench-flood.lua");
        File.WriteAllText(script, text);
        var delayMs = Math.Max(1, 1000 * floodConnections / floodRate);
        File.WriteAllText(floodScript, text + $"\nfunction delay() return {delayMs} end\n");
        return (script, floodScript);
    }

    /// <summary>wrk's connection count.</summary>
    public int Connections => connections;

    /// <summary>Sends <paramref name="traffic"/> to <paramref name="url"/> for <paramref name="duration"/>.</summary>
    public Task<WrkResult> RunAsync(string url, Traffic traffic, TimeSpan duration) => RunAsync(url, traffic, duration, connections, stopWhen: null);

    /// <summary>
    /// Sends <paramref name="traffic"/> over <paramref name="connectionCount"/> connections for at most
    /// <paramref name="duration"/>; when <paramref name="stopWhen"/> is given it is polled every 100 ms and wrk is
    /// interrupted (and reports) as soon as it returns true.
    /// </summary>
    public async Task<WrkResult> RunAsync(string url, Traffic traffic, TimeSpan duration, int connectionCount, Func<Task<bool>>? stopWhen)
    {
        var threadCount = Math.Min(threads, connectionCount);
        var startInfo = new ProcessStartInfo("wrk") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])[
            "-t", Invariant(threadCount), "-c", Invariant(connectionCount), "-d", Invariant((int)duration.TotalSeconds) + "s",
            "--latency", "--timeout", "10s", "-s", scriptPath, url, "--",
            traffic.HeadersFile, traffic.BodyFile, Invariant(traffic.ExpectedStatus), Invariant(threadCount)])
        {
            startInfo.ArgumentList.Add(argument);
        }

        if (traffic.PoolFile is { } pool)
        {
            startInfo.ArgumentList.Add(pool);
        }

        var process = ChildProcesses.Start(startInfo);
        try
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (stopWhen is not null)
            {
                while (!process.HasExited && !await stopWhen().ConfigureAwait(false))
                {
                    await Task.Delay(100).ConfigureAwait(false);
                }

                if (!process.HasExited)
                {
                    Machine.Interrupt(process.Id);
                }
            }

            using var timeout = new CancellationTokenSource(duration + TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            var text = await output.ConfigureAwait(false);
            var line = text.Split('\n').FirstOrDefault(static l => l.StartsWith(ResultPrefix, StringComparison.Ordinal))
                ?? throw new InvalidOperationException($"wrk printed no result (exit {process.ExitCode}): {text} {await errors.ConfigureAwait(false)}");
            var result = JsonSerializer.Deserialize(line[ResultPrefix.Length..], WrkResultJson.Default.WrkResult)
                ?? throw new InvalidOperationException("empty wrk result");
            var firstError = text.Split('\n').FirstOrDefault(static l => l.StartsWith(FirstErrorPrefix, StringComparison.Ordinal));
            return firstError is null ? result : result with { FirstError = firstError[FirstErrorPrefix.Length..] };
        }
        finally
        {
            await ChildProcesses.StopAsync(process).ConfigureAwait(false);
        }
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
