using System.Globalization;

namespace AuthPlane.Sdk.LoadBench.Load;

/// <summary>The load driver's command line: <c>--quick</c> (default) or <c>--full</c>, each value overridable.</summary>
internal sealed record LoadSettings
{
    /// <summary>Seconds of one measured round of one mode.</summary>
    public int DurationSeconds { get; init; } = 3;

    /// <summary>Seconds of the unmeasured warm-up run of each mode.</summary>
    public int WarmupSeconds { get; init; } = 1;

    /// <summary>Interleaved rounds (every mode once per round).</summary>
    public int Rounds { get; init; } = 3;

    /// <summary>wrk connections.</summary>
    public int Connections { get; init; } = 16;

    /// <summary>wrk threads.</summary>
    public int Threads { get; init; } = 2;

    /// <summary>Distinct tokens and distinct DPoP proofs of the growth scenarios.</summary>
    public int GrowthCount { get; init; } = 12_000;

    /// <summary>Start-up samples per server kind (each a process start to the first 200).</summary>
    public int StartupSamples { get; init; } = 3;

    /// <summary>Highest request rate a pool of never-seen tokens or proofs is sized for, per second of a round.</summary>
    public int PoolRatePerSecond { get; init; } = 4_000;

    /// <summary>Requests per second of the unknown-kid flood (beside the valid traffic).</summary>
    public int FloodRate { get; init; } = 400;

    /// <summary>Only these modes (all when empty).</summary>
    public IReadOnlySet<string> Only { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Also write the Markdown report here.</summary>
    public string? OutputPath { get; init; }

    /// <summary>Whether this is the full run (for the report's heading).</summary>
    public bool Full { get; init; }

    /// <summary>The full run: 10 s rounds, 3 s warm-up, 200 000 distinct tokens and proofs, 5 start-up samples.</summary>
    public static LoadSettings FullRun { get; } = new() { DurationSeconds = 10, WarmupSeconds = 3, GrowthCount = 200_000, StartupSamples = 5, Full = true };

    /// <summary>The usage text.</summary>
    public const string Usage = """
        usage: load.sh [--quick | --full] [--duration S] [--warmup S] [--rounds N] [--connections C] [--threads T]
                       [--growth N] [--startup-samples K] [--flood-rate R] [--only mode,mode,...] [--out report.md]
          --quick            3 s rounds, 1 s warm-up, 12 000 distinct tokens/proofs, 3 start-up samples (default)
          --full             10 s rounds, 3 s warm-up, 200 000 distinct tokens/proofs, 5 start-up samples
          --rounds N         interleaved rounds (default 3); --connections / --threads are wrk's -c / -t (16 / 2)
          --flood-rate R     requests/s of unknown-kid tokens sent beside the valid traffic of kid-flood (400)
          --only             run only these modes (no-auth is always run: it is the baseline); modes: aspnet-floor, bearer,
                             bearer-1conn, bearer-scope, dpop, dpop-1conn, jwtbearer, fresh-authplane,
                             fresh-jwtbearer, fresh-jwks-10, fresh-jwks-100, kid-flood, tokens-growth, dpop-growth
        """;

    /// <summary>Parses the command line; throws <see cref="ArgumentException"/> with the usage on a bad one.</summary>
    public static LoadSettings Parse(IReadOnlyList<string> args)
    {
        var settings = args.Contains("--full") ? FullRun : new LoadSettings();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            int Number() => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{args[i - 1]} needs a positive whole number.\n{Usage}");
            settings = args[i] switch
            {
                "--quick" or "--full" => settings,
                "--duration" => settings with { DurationSeconds = Number() },
                "--warmup" => settings with { WarmupSeconds = Number() },
                "--rounds" => settings with { Rounds = Number() },
                "--connections" => settings with { Connections = Number() },
                "--threads" => settings with { Threads = Number() },
                "--growth" => settings with { GrowthCount = Number() },
                "--startup-samples" => settings with { StartupSamples = Number() },
                "--flood-rate" => settings with { FloodRate = Number() },
                "--only" => settings with { Only = new HashSet<string>(Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.Ordinal) },
                "--out" => settings with { OutputPath = Value() },
                _ => throw new ArgumentException($"unknown argument {args[i]}\n{Usage}"),
            };
        }

        return settings;
    }

    /// <summary>Whether <paramref name="mode"/> runs.</summary>
    public bool Runs(string mode) => Only.Count == 0 || Only.Contains(mode);
}
