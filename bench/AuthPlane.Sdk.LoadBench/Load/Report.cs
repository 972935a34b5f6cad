using System.Globalization;
using System.Text;

namespace AuthPlane.Sdk.LoadBench.Load;

/// <summary>Renders the benchmark's Markdown report: medians over the rounds, ratios paired by round.</summary>
internal static class Report
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The whole report.</summary>
    public static string Render(RunResults run)
    {
        var (settings, started, elapsed, modes, rounds, growth, startup, verify) = (run.Settings, run.Started, run.Elapsed, run.Modes, run.Rounds, run.Growth, run.Startup, run.VerifyMicroseconds);
        var text = new StringBuilder();
        Line(text, $"Load benchmark, {(settings.Full ? "full" : "quick")} run of {started:yyyy-MM-dd HH:mm} UTC ({elapsed.TotalMinutes:0.0} min): {Machine.Describe()}.");
        Line(text, $"wrk -t{settings.Threads} -c{settings.Connections}, {settings.Rounds} interleaved rounds of {settings.DurationSeconds} s after a {settings.WarmupSeconds} s warm-up per mode; medians over the rounds, ratios paired by round.");
        var baseline = Of(rounds, "no-auth").Select(static r => r.Wrk.RequestsPerSecond).ToList();
        if (baseline.Count > 1)
        {
            var spread = baseline.Max() / baseline.Min();
            Line(text, $"Noise: no-auth req/s ranged {baseline.Min():N0}–{baseline.Max():N0} over the rounds ({spread:0.00}×); {(spread > 1.2 ? "above 1.2× the machine was busy with other work and the ratios below are not trustworthy" : "within 1.2×")}.");
        }

        text.AppendLine();
        Line(text, "| mode | req/s | × no-auth | p50 ms | p99 ms | CPU µs/req | alloc B/req | gen-2 GCs | errors |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var mode in modes)
        {
            var own = Of(rounds, mode.Name);
            if (own.Count == 0)
            {
                continue;
            }

            Line(text, $"| {mode.Name} | {Median(own, static r => r.Wrk.RequestsPerSecond):N0} | {Ratio(rounds, mode.Name, "no-auth", static r => r.Wrk.RequestsPerSecond)} | "
                + $"{Median(own, static r => r.Wrk.P50Us) / 1000:0.00} | {Median(own, static r => r.Wrk.P99Us) / 1000:0.00} | {CpuPerRequest(own):0} | {AllocatedPerRequest(own):N0} | "
                + $"{own.Sum(static r => r.Gen2)} | {own.Sum(static r => r.Wrk.Errors)}{(own.Sum(static r => r.Wrk.Reused) is > 0 and var reused ? $" (+{reused} reused)" : string.Empty)} |");
        }

        FreshTable(text, rounds);
        FloodTable(text, rounds);
        GrowthTable(text, growth);
        StartupTable(text, startup);
        TargetsTable(text, rounds, startup, verify);

        text.AppendLine();
        Line(text, "Modes:");
        foreach (var mode in modes)
        {
            Line(text, $"- `{mode.Name}`: {mode.Description}");
        }

        return text.ToString();
    }

    private static void FreshTable(StringBuilder text, IReadOnlyList<RoundResult> rounds)
    {
        string[] names = ["fresh-authplane", "fresh-jwks-10", "fresh-jwks-100", "fresh-jwtbearer"];
        if (!names.Any(name => Of(rounds, name).Count > 0))
        {
            return;
        }

        text.AppendLine();
        Line(text, "Never-seen tokens (each token used once) and JWKS size:");
        text.AppendLine();
        Line(text, "| mode | req/s | × fresh-jwtbearer req/s | p99 ms | × fresh-jwtbearer p99 | CPU µs/req | × fresh-authplane CPU | alloc B/req | gen-2 GCs |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var name in names)
        {
            var own = Of(rounds, name);
            if (own.Count == 0)
            {
                continue;
            }

            var baseCpu = Of(rounds, "fresh-authplane");
            Line(text, $"| {name} | {Median(own, static r => r.Wrk.RequestsPerSecond):N0} | {Ratio(rounds, name, "fresh-jwtbearer", static r => r.Wrk.RequestsPerSecond)} | "
                + $"{Median(own, static r => r.Wrk.P99Us) / 1000:0.00} | {Ratio(rounds, name, "fresh-jwtbearer", static r => r.Wrk.P99Us)} | {CpuPerRequest(own):0} | "
                + $"{(baseCpu.Count > 0 ? (CpuPerRequest(own) / CpuPerRequest(baseCpu)).ToString("0.00", Invariant) + "×" : "–")} | {AllocatedPerRequest(own):N0} | {own.Sum(static r => r.Gen2)} |");
        }
    }

    private static void FloodTable(StringBuilder text, IReadOnlyList<RoundResult> rounds)
    {
        var own = Of(rounds, "kid-flood");
        if (own.Count == 0)
        {
            return;
        }

        text.AppendLine();
        Line(text, "Unknown-kid flood beside valid traffic (valid traffic on the usual connections, the paced flood on 4 more):");
        text.AppendLine();
        Line(text, "| valid req/s | × bearer req/s | valid p99 ms | flood req/s (401) | flood answers not 401 | JWKS fetches during the rounds |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|");
        Line(text, $"| {Median(own, static r => r.Wrk.RequestsPerSecond):N0} | {Ratio(rounds, "kid-flood", "bearer", static r => r.Wrk.RequestsPerSecond)} | {Median(own, static r => r.Wrk.P99Us) / 1000:0.00} | "
            + $"{Median(own, static r => r.Flood!.RequestsPerSecond):N0} | {own.Sum(static r => r.Flood!.Errors)} | {own.Sum(static r => r.JwksFetches)} |");
    }

    private static void GrowthTable(StringBuilder text, IReadOnlyList<GrowthResult> growth)
    {
        if (growth.Count == 0)
        {
            return;
        }

        text.AppendLine();
        Line(text, "Growth (one server, distinct tokens or DPoP proofs, each used once; heap after a forced full GC):");
        text.AppendLine();
        Line(text, "| scenario | distinct | req/s | p99 ms | errors | gen-0/1/2 GCs | live heap before → after | working set after |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var g in growth)
        {
            Line(text, $"| {g.Name} | {g.Distinct:N0} | {g.Wrk.RequestsPerSecond:N0} | {g.Wrk.P99Us / 1000:0.00} | {g.Wrk.Errors}{(g.Wrk.Reused > 0 ? $" (+{g.Wrk.Reused} reused)" : string.Empty)} | "
                + $"{g.Gen0}/{g.Gen1}/{g.Gen2} | {g.LiveHeapBefore / 1e6:0.0} → {g.LiveHeapAfter / 1e6:0.0} MB | {g.WorkingSetAfter / 1e6:0} MB |");
        }
    }

    private static void StartupTable(StringBuilder text, IReadOnlyList<StartupResult> startup)
    {
        var baseline = startup.FirstOrDefault(static s => s.Server == "NoAuth");
        if (baseline is null || baseline.Samples.Count == 0)
        {
            return;
        }

        text.AppendLine();
        Line(text, "Start-up: process start to the first 200 on /mcp (the first request of a protected server carries a valid token):");
        text.AppendLine();
        Line(text, "| server | median ms | min–max ms | × no-auth |");
        text.AppendLine("|---|---:|---:|---:|");
        var baseMedian = Median(baseline.Samples, static t => t.TotalMilliseconds);
        foreach (var s in startup)
        {
            var median = Median(s.Samples, static t => t.TotalMilliseconds);
            Line(text, $"| {s.Server} | {median:0} | {s.Samples.Min().TotalMilliseconds:0}–{s.Samples.Max().TotalMilliseconds:0} | {median / baseMedian:0.00}× |");
        }
    }

    // The targets of issue 12 ("cut the per-request cost"), computed from this run.
    private static void TargetsTable(StringBuilder text, IReadOnlyList<RoundResult> rounds, IReadOnlyList<StartupResult> startup, double verify)
    {
        var rows = new List<(string Check, string Target, double? Value, bool Met)>();
        void Add(string check, string target, double? value, Func<double, bool> met) => rows.Add((check, target, value, value is { } v && met(v)));
        double? RatioOf(string mode, string baseline, Func<RoundResult, double> value) => RatioValue(rounds, mode, baseline, value);
        double? Cpu(string mode) => Of(rounds, mode) is { Count: > 0 } own ? CpuPerRequest(own) : null;
        double? Alloc(string mode) => Of(rounds, mode) is { Count: > 0 } own ? AllocatedPerRequest(own) : null;

        Add("bearer req/s ÷ no-auth req/s", "≥ 0.90", RatioOf("bearer", "no-auth", static r => r.Wrk.RequestsPerSecond), static v => v >= 0.9);
        Add("bearer alloc/req − no-auth alloc/req (B)", "≤ 2048", Alloc("bearer") - Alloc("no-auth"), static v => v <= 2048);
        // The floor: what ASP.NET Core's authentication and authorization cost with a handler that does no work, and
        // what AuthPlane adds on top of it (reported, not judged: the issue's targets are against no-auth).
        Add("aspnet-floor alloc/req − no-auth alloc/req (B): ASP.NET Core's own share", "report", Alloc("aspnet-floor") - Alloc("no-auth"), static _ => true);
        Add("bearer alloc/req − aspnet-floor alloc/req (B): AuthPlane's own share", "report", Alloc("bearer") - Alloc("aspnet-floor"), static _ => true);
        Add("bearer req/s ÷ aspnet-floor req/s", "report", RatioOf("bearer", "aspnet-floor", static r => r.Wrk.RequestsPerSecond), static _ => true);
        Add("bearer-scope req/s ÷ bearer req/s", "≥ 0.95", RatioOf("bearer-scope", "bearer", static r => r.Wrk.RequestsPerSecond), static v => v >= 0.95);
        Add("bearer-scope CPU/req ÷ bearer CPU/req", "≤ 1.05", Cpu("bearer-scope") / Cpu("bearer"), static v => v <= 1.05);
        Add("fresh-authplane req/s ÷ fresh-jwtbearer req/s", "≥ 1.00", RatioOf("fresh-authplane", "fresh-jwtbearer", static r => r.Wrk.RequestsPerSecond), static v => v >= 1.0);
        Add("fresh-authplane p99 ÷ fresh-jwtbearer p99", "≤ 1.20", RatioOf("fresh-authplane", "fresh-jwtbearer", static r => r.Wrk.P99Us), static v => v <= 1.2);
        Add($"dpop CPU/req ÷ (bearer CPU/req + one ES256 verify, {verify:0.0} µs)", "≤ 1.30", Cpu("dpop") / (Cpu("bearer") + verify), static v => v <= 1.3);
        // The yardstick above takes one ES256 verify on an idle core; under load a verify costs more (both cores busy,
        // wrk beside the server), as fresh-authplane shows: bearer + one verify under this load is its CPU per request.
        Add("dpop CPU/req ÷ fresh-authplane CPU/req (one proof verify against one token verify, both under this load)", "report", Cpu("dpop") / Cpu("fresh-authplane"), static _ => true);
        Add("(dpop ÷ dpop-1conn CPU/req) ÷ (bearer ÷ bearer-1conn CPU/req): DPoP's own growth with concurrency", "≤ 1.10 (flat)", Cpu("dpop") / Cpu("dpop-1conn") / (Cpu("bearer") / Cpu("bearer-1conn")), static v => v <= 1.1);
        Add("fresh-jwks-100 CPU/req ÷ fresh-authplane CPU/req", "≤ 1.10 (flat)", Cpu("fresh-jwks-100") / Cpu("fresh-authplane"), static v => v <= 1.1);
        Add("kid-flood valid req/s ÷ bearer req/s", "≥ 0.90", RatioOf("kid-flood", "bearer", static r => r.Wrk.RequestsPerSecond), static v => v >= 0.9);
        var noAuth = startup.FirstOrDefault(static s => s.Server == "NoAuth");
        var authPlane = startup.FirstOrDefault(static s => s.Server == "AuthPlane");
        if (noAuth is { Samples.Count: > 0 } && authPlane is { Samples.Count: > 0 })
        {
            rows.Add(("start-up to first 200: AuthPlane ÷ no-auth", "report", Median(authPlane.Samples, static t => t.TotalMilliseconds) / Median(noAuth.Samples, static t => t.TotalMilliseconds), true));
        }

        text.AppendLine();
        Line(text, "Targets of issue 12, from this run:");
        text.AppendLine();
        Line(text, "| check | target | measured | met in this run |");
        text.AppendLine("|---|---|---:|---|");
        foreach (var (check, target, value, met) in rows)
        {
            Line(text, $"| {check} | {target} | {(value is { } v ? v.ToString("0.00", Invariant) : "not run")} | {(value is null || target == "report" ? "–" : met ? "yes" : "no")} |");
        }
    }

    private static List<RoundResult> Of(IReadOnlyList<RoundResult> rounds, string mode) => [.. rounds.Where(r => r.Mode == mode)];

    private static double CpuPerRequest(IReadOnlyList<RoundResult> rounds) => rounds.Sum(static r => r.CpuMicroseconds) / Math.Max(1, rounds.Sum(static r => r.ServerRequests));

    private static double AllocatedPerRequest(IReadOnlyList<RoundResult> rounds) => (double)rounds.Sum(static r => r.AllocatedBytes) / Math.Max(1, rounds.Sum(static r => r.ServerRequests));

    // The median over rounds of mode/baseline in the same round.
    private static string Ratio(IReadOnlyList<RoundResult> rounds, string mode, string baseline, Func<RoundResult, double> value) =>
        RatioValue(rounds, mode, baseline, value) is { } ratio ? ratio.ToString("0.00", Invariant) + "×" : "–";

    private static double? RatioValue(IReadOnlyList<RoundResult> rounds, string mode, string baseline, Func<RoundResult, double> value)
    {
        var ratios = rounds.Where(r => r.Mode == mode)
            .Select(r => (Mode: r, Base: rounds.FirstOrDefault(b => b.Mode == baseline && b.Round == r.Round)))
            .Where(pair => pair.Base is not null && value(pair.Base) > 0)
            .Select(pair => value(pair.Mode) / value(pair.Base!))
            .ToList();
        return ratios.Count == 0 ? null : Median(ratios, static x => x);
    }

    private static double Median<T>(IEnumerable<T> items, Func<T, double> value)
    {
        var sorted = items.Select(value).Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    // Numbers are formatted with the invariant culture: Program sets it for the whole driver.
    private static void Line(StringBuilder text, string line) => text.AppendLine(line);
}
