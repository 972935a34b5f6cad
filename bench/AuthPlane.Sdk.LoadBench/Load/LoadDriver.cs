using System.Diagnostics;
using System.Net.Http.Headers;
using AuthPlane.Sdk.LoadBench.Server;
using AuthPlane.Sdk.Testing.DPoP;

namespace AuthPlane.Sdk.LoadBench.Load;

/// <summary>
/// Runs the whole load benchmark: authorities, one server process per mode, start-up samples, warm-up,
/// interleaved rounds, growth scenarios, and the report. Every child process is killed at the end, also on failure.
/// </summary>
internal sealed class LoadDriver : IAsyncDisposable
{
    private const string NoAuth = "no-auth";
    private const int FloodConnections = 4;
    private readonly LoadSettings _settings;
    private readonly DirectoryInfo _work;
    private readonly TrafficWriter _traffic;
    private readonly Wrk _wrk;
    private readonly Wrk _floodWrk;
    private readonly List<IAsyncDisposable> _owned = [];
    private readonly DPoPKey _dpopKey = DPoPKey.Create("ES256");
    private readonly Dictionary<string, double> _fastestRate = new(StringComparer.Ordinal);
    private BenchAuthority _authority = null!;

    private LoadDriver(LoadSettings settings)
    {
        _settings = settings;
        _work = Directory.CreateTempSubdirectory("authplane-loadbench-");
        _traffic = new TrafficWriter(_work.FullName);
        var (script, floodScript) = Wrk.WriteScripts(_work.FullName, settings.FloodRate, FloodConnections);
        _wrk = new Wrk(script, settings.Threads, settings.Connections);
        _floodWrk = new Wrk(floodScript, 1, FloodConnections);
    }

    /// <summary>Runs the benchmark and returns the Markdown report.</summary>
    public static async Task<string> RunAsync(LoadSettings settings)
    {
        await using var driver = new LoadDriver(settings);
        return await driver.RunAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync().ConfigureAwait(false);
        }

        _dpopKey.Dispose();
        _work.Delete(recursive: true);
    }

    private async Task<string> RunAsync()
    {
        var clock = Stopwatch.StartNew();
        var started = DateTimeOffset.UtcNow;
        _authority = Own(await BenchAuthority.StartAsync(1).ConfigureAwait(false));
        Log($"authority {_authority.Issuer} (1 key); wrk -t{_settings.Threads} -c{_settings.Connections}; work files in {_work.FullName}");

        var verifyMicroseconds = Es256Reference.MeasureMicroseconds();
        Log($"one ES256 verify: {verifyMicroseconds:0.0} µs (best of 5 batches, one thread)");
        var startup = await MeasureStartupAsync().ConfigureAwait(false);
        var modes = await StartModesAsync().ConfigureAwait(false);

        foreach (var mode in modes)
        {
            Log($"warm-up {mode.Name} ({_settings.WarmupSeconds} s)");
            await RunRoundAsync(mode, 0, TimeSpan.FromSeconds(_settings.WarmupSeconds)).ConfigureAwait(false);
        }

        var rounds = new List<RoundResult>();
        for (var round = 1; round <= _settings.Rounds; round++)
        {
            foreach (var mode in modes)
            {
                var result = await RunRoundAsync(mode, round, TimeSpan.FromSeconds(_settings.DurationSeconds)).ConfigureAwait(false);
                rounds.Add(result);
                Log($"round {round} {mode.Name,-18} {result.Wrk.DurationUs / 1e6,4:0.0} s {result.Wrk.RequestsPerSecond,8:N0} req/s  p50 {result.Wrk.P50Us / 1000,6:0.00} ms  p99 {result.Wrk.P99Us / 1000,6:0.00} ms  "
                    + $"{result.CpuPerRequest,5:0} µs CPU/req  {result.AllocatedPerRequest,7:N0} B/req  gen2 {result.Gen2}  errors {result.Wrk.Errors}"
                    + (result.Wrk.Reused > 0 ? $"  REUSED {result.Wrk.Reused}" : string.Empty)
                    + (result.Wrk.FirstError is { } error ? $"\n    first error: {error}" : string.Empty)
                    + (result.Flood is { } flood ? $"  flood {flood.RequestsPerSecond:N0} req/s (non-401 {flood.Errors}), JWKS fetches {result.JwksFetches}" : string.Empty));
            }
        }

        var growth = new List<GrowthResult>();
        if (_settings.Runs("tokens-growth"))
        {
            growth.Add(await RunTokenGrowthAsync().ConfigureAwait(false));
        }

        if (_settings.Runs("dpop-growth"))
        {
            growth.Add(await RunProofGrowthAsync().ConfigureAwait(false));
        }

        return Report.Render(new RunResults(_settings, started, clock.Elapsed, modes, rounds, growth, startup, verifyMicroseconds));
    }

    // Start-up: each kind started fresh, interleaved, timed from process start to the first 200 on /mcp.
    private async Task<IReadOnlyList<StartupResult>> MeasureStartupAsync()
    {
        var kinds = new[] { ServerKind.NoAuth, ServerKind.AuthPlane, ServerKind.JwtBearer };
        var samples = kinds.ToDictionary(static kind => kind, static _ => new List<TimeSpan>());
        for (var i = 0; i < _settings.StartupSamples; i++)
        {
            foreach (var kind in kinds)
            {
                await using var server = await ServerProcess.StartAsync(kind, _authority, BearerProbe(kind, _authority)).ConfigureAwait(false);
                samples[kind].Add(server.StartupToFirst200);
                Log($"start-up {kind}: {server.StartupToFirst200.TotalMilliseconds:0} ms to the first 200");
            }
        }

        return [.. kinds.Select(kind => new StartupResult(kind.ToString(), samples[kind]))];
    }

    private async Task<List<Mode>> StartModesAsync()
    {
        var bearer = _authority.MintToken();
        var bearerHeaders = new[] { $"Authorization: Bearer {bearer}" };
        var modes = new List<Mode>();

        async Task AddAsync(string name, ServerKind kind, BenchAuthority authority, Func<ServerProcess, Mode> create)
        {
            if (name != NoAuth && !_settings.Runs(name))
            {
                return;
            }

            var server = Own(await ServerProcess.StartAsync(kind, authority, BearerProbe(kind, authority)).ConfigureAwait(false));
            Log($"started {name} (pid {server.ProcessId}, port {server.Port})");
            modes.Add(create(server));
        }

        await AddAsync(NoAuth, ServerKind.NoAuth, _authority, server =>
            new(NoAuth, "no authentication (baseline)", server, _ => _traffic.Fixed("echo", []))).ConfigureAwait(false);
        await AddAsync("bearer", ServerKind.AuthPlane, _authority, server =>
            new("bearer", "AuthPlane, Bearer, one token reused (cached)", server, _ => _traffic.Fixed("echo", bearerHeaders))).ConfigureAwait(false);
        await AddAsync("bearer-scope", ServerKind.AuthPlane, _authority, server =>
            new("bearer-scope", "AuthPlane, Bearer (cached), calling the [RequireScope] tool", server, _ => _traffic.Fixed("scoped_echo", bearerHeaders))).ConfigureAwait(false);
        await AddAsync("bearer-1conn", ServerKind.AuthPlane, _authority, server =>
            new("bearer-1conn", "the same as bearer on one connection (the yardstick of dpop-1conn)", server, _ => _traffic.Fixed("echo", bearerHeaders)) { Connections = 1 }).ConfigureAwait(false);
        await AddAsync("dpop", ServerKind.AuthPlane, _authority, server =>
            new("dpop", "AuthPlane, DPoP-bound token (cached), a new proof on every request, one client key", server, DPoPPool)).ConfigureAwait(false);
        await AddAsync("dpop-1conn", ServerKind.AuthPlane, _authority, server =>
            new("dpop-1conn", "the same as dpop on one connection: CPU per request should not depend on concurrency", server, DPoPPool) { Connections = 1 }).ConfigureAwait(false);
        await AddAsync("aspnet-floor", ServerKind.EmptyHandler, _authority, server =>
            new("aspnet-floor", "ASP.NET Core authentication + RequireAuthorization with an empty handler (accepts any Authorization header): the floor of every scheme", server, _ => _traffic.Fixed("echo", bearerHeaders))).ConfigureAwait(false);
        await AddAsync("jwtbearer", ServerKind.JwtBearer, _authority, server =>
            new("jwtbearer", "JwtBearer 10.0.15, the same token reused", server, _ => _traffic.Fixed("echo", bearerHeaders))).ConfigureAwait(false);
        await AddAsync("fresh-authplane", ServerKind.AuthPlane, _authority, server =>
            new("fresh-authplane", "AuthPlane, Bearer, every token never seen before (JWKS of 1 key)", server, count => TokenPool(_authority, count))).ConfigureAwait(false);
        await AddAsync("fresh-jwtbearer", ServerKind.JwtBearer, _authority, server =>
            new("fresh-jwtbearer", "JwtBearer, every token never seen before", server, count => TokenPool(_authority, count))).ConfigureAwait(false);
        foreach (var keys in new[] { 10, 100 })
        {
            var name = $"fresh-jwks-{keys}";
            if (!_settings.Runs(name))
            {
                continue;
            }

            var authority = Own(await BenchAuthority.StartAsync(keys).ConfigureAwait(false));
            await AddAsync(name, ServerKind.AuthPlane, authority, server =>
                new(name, $"AuthPlane, never-seen tokens, JWKS of {keys} keys (signed by the last)", server, count => TokenPool(authority, count))).ConfigureAwait(false);
        }

        if (_settings.Runs("kid-flood"))
        {
            var unknownKey = _authority.CreateUnpublishedKey();
            var floodCount = 5_000;
            var floodTokens = Enumerable.Range(0, floodCount).Select(_ => _authority.MintUnknownKidToken(unknownKey)).ToArray();
            await AddAsync("kid-flood", ServerKind.AuthPlane, _authority, server =>
                new("kid-flood", $"AuthPlane, Bearer (cached) beside a flood of never-published kids at about {_settings.FloodRate} req/s (401 expected, {FloodConnections} more connections)", server, _ => _traffic.Fixed("echo", bearerHeaders))
                {
                    Flood = () => _traffic.Pool("echo", [], floodCount, i => $"Authorization: Bearer {floodTokens[i]}", expectedStatus: 401),
                    Authority = _authority,
                }).ConfigureAwait(false);
        }

        return modes;
    }

    private async Task<RoundResult> RunRoundAsync(Mode mode, int round, TimeSpan length)
    {
        var traffic = mode.NextTraffic(PoolSize(mode, length));
        var flood = mode.Flood?.Invoke();
        try
        {
            var jwksBefore = mode.Authority?.JwksFetchCount ?? 0;
            var before = await mode.Server.StatsAsync().ConfigureAwait(false);
            var cpuBefore = mode.Server.CpuTime();
            var floodRun = flood is null ? null : _floodWrk.RunAsync(mode.Server.McpUrl, flood, length);
            var connections = mode.Connections ?? _wrk.Connections;
            // A pool of never-seen tokens or proofs must not run out: the round ends early (and wrk reports its true
            // duration) once 90 % of it is used, so a machine faster than the pool was sized for reuses nothing
            // (and a wrk thread that used up its share stops by itself).
            var poolEnd = before.Requests + (long)(traffic.PoolSize * 0.9);
            Func<Task<bool>>? poolUsed = traffic.PoolFile is null ? null : async () => await mode.Server.RequestCountAsync().ConfigureAwait(false) >= poolEnd;
            var result = await _wrk.RunAsync(mode.Server.McpUrl, traffic, length, connections, poolUsed).ConfigureAwait(false);
            var floodResult = floodRun is null ? null : await floodRun.ConfigureAwait(false);
            _fastestRate[mode.Name] = Math.Max(result.RequestsPerSecond, _fastestRate.GetValueOrDefault(mode.Name));
            var cpuAfter = mode.Server.CpuTime();
            var after = await mode.Server.StatsAsync().ConfigureAwait(false);
            return new RoundResult(
                mode.Name,
                round,
                result,
                (cpuAfter - cpuBefore).TotalMicroseconds,
                after.AllocatedBytes - before.AllocatedBytes,
                after.Requests - before.Requests,
                after.Gen2 - before.Gen2,
                floodResult,
                (mode.Authority?.JwksFetchCount ?? 0) - jwksBefore);
        }
        finally
        {
            TrafficWriter.Delete(traffic);
            if (flood is not null)
            {
                TrafficWriter.Delete(flood);
            }
        }
    }

    // Many distinct valid tokens through one server: the verified-token cache must stay bounded.
    private async Task<GrowthResult> RunTokenGrowthAsync()
    {
        var count = _settings.GrowthCount;
        Log($"tokens-growth: minting {count:N0} distinct tokens, each sent twice (a token enters the cache at its second use)");
        await using var server = await ServerProcess.StartAsync(ServerKind.AuthPlane, _authority, BearerProbe(ServerKind.AuthPlane, _authority)).ConfigureAwait(false);
        return await RunGrowthAsync("tokens-growth", server, count, 2 * count, TokenPool(_authority, Margin(count), usesPerToken: 2)).ConfigureAwait(false);
    }

    // Many distinct DPoP proofs (one key, one cached token) through one server: the replay cache must stay bounded.
    private async Task<GrowthResult> RunProofGrowthAsync()
    {
        var count = _settings.GrowthCount;
        Log($"dpop-growth: signing {count:N0} distinct proofs");
        await using var server = await ServerProcess.StartAsync(ServerKind.AuthPlane, _authority, BearerProbe(ServerKind.AuthPlane, _authority)).ConfigureAwait(false);
        return await RunGrowthAsync("dpop-growth", server, count, count, DPoPPool(Margin(count))).ConfigureAwait(false);
    }

    private async Task<GrowthResult> RunGrowthAsync(string name, ServerProcess server, int count, int requests, Traffic traffic)
    {
        try
        {
            var liveBefore = (await server.StatsAsync(collect: true).ConfigureAwait(false)).HeapBytes;
            var before = await server.StatsAsync().ConfigureAwait(false); // counts without the forced collection
            var target = before.Requests + requests;
            var cap = TimeSpan.FromSeconds(Math.Clamp(requests / 100, 60, 1800));
            Log($"{name}: sending {requests:N0} requests (stops at the count; at most {cap.TotalSeconds:0} s)");
            var result = await _wrk.RunAsync(server.McpUrl, traffic, cap, _wrk.Connections, async () => await server.RequestCountAsync().ConfigureAwait(false) >= target).ConfigureAwait(false);
            var after = await server.StatsAsync().ConfigureAwait(false);
            var collected = await server.StatsAsync(collect: true).ConfigureAwait(false);
            var growth = new GrowthResult(name, count, result, after.Gen0 - before.Gen0, after.Gen1 - before.Gen1, after.Gen2 - before.Gen2, liveBefore, collected.HeapBytes, after.WorkingSetBytes);
            if (result.FirstError is { } error)
            {
                Log($"{name}: first error: {error}");
            }

            Log($"{name}: {result.Requests:N0} requests at {result.RequestsPerSecond:N0} req/s, errors {result.Errors}, reused {result.Reused}, gen2 {growth.Gen2}, live heap {growth.LiveHeapBefore / 1e6:0.0} -> {growth.LiveHeapAfter / 1e6:0.0} MB, working set {growth.WorkingSetAfter / 1e6:0} MB");
            return growth;
        }
        finally
        {
            TrafficWriter.Delete(traffic);
        }
    }

    private Traffic TokenPool(BenchAuthority authority, int count, int usesPerToken = 1)
    {
        // Signing is done between rounds, on every core (a key signs safely from several threads).
        var tokens = new string[count];
        Parallel.For(0, count, i => tokens[i] = authority.MintToken());
        return _traffic.Pool("echo", [], count * usesPerToken, i => $"Authorization: Bearer {tokens[i / usesPerToken]}");
    }

    // The SDK checks htu against the configured resource's origin (the public URL, also behind a proxy), not the
    // loopback port the request reached.
    private Traffic DPoPPool(int count)
    {
        var token = BoundToken;
        var proofs = new string[count];
        Parallel.For(0, count, i => proofs[i] = new DPoPProofBuilder(_dpopKey, "POST", ServerArguments.Resource).WithAccessToken(token).Build());
        return _traffic.Pool("echo", [$"Authorization: DPoP {token}"], count, i => "DPoP: " + proofs[i]);
    }

    private string BoundToken => field ??= _authority.MintToken(_dpopKey);

    // Never-seen tokens or proofs for a run of this length at PoolRatePerSecond, or at 1.5 times the fastest rate
    // this mode has shown; a faster machine ends the round early rather than reuse any (see RunRoundAsync).
    private int PoolSize(Mode mode, TimeSpan length)
    {
        var rate = Math.Max(_settings.PoolRatePerSecond, 1.5 * _fastestRate.GetValueOrDefault(mode.Name));
        return (int)(length.TotalSeconds * rate);
    }

    // Requests sent between the count being reached and wrk stopping need tokens too.
    private static int Margin(int count) => count + (count / 20) + 5_000;

    private static Func<string, HttpRequestMessage> BearerProbe(ServerKind kind, BenchAuthority authority)
    {
        var token = kind == ServerKind.NoAuth ? null : authority.MintToken();
        return url =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(TrafficWriter.ToolCall("echo"), MediaTypeHeaderValue.Parse("application/json")) };
            request.Headers.Accept.ParseAdd("application/json");
            request.Headers.Accept.ParseAdd("text/event-stream");
            request.Headers.Add("MCP-Protocol-Version", TrafficWriter.ProtocolVersion);
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            return request;
        };
    }

    private T Own<T>(T resource)
        where T : IAsyncDisposable
    {
        _owned.Add(resource);
        return resource;
    }

    private static void Log(string message) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");
}
