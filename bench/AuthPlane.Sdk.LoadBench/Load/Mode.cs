namespace AuthPlane.Sdk.LoadBench.Load;

/// <summary>One measured mode of the interleaved rounds: a server and what wrk sends it.</summary>
/// <param name="Name">Short name (a row of the report).</param>
/// <param name="Description">What the mode is, for the report.</param>
/// <param name="Server">Its server process.</param>
/// <param name="NextTraffic">The traffic of one run, given how many never-seen tokens or proofs it may need (a new pool on each call; fixed traffic ignores it).</param>
internal sealed record Mode(string Name, string Description, ServerProcess Server, Func<int, Traffic> NextTraffic)
{
    /// <summary>wrk connections for this mode; the run's setting when null.</summary>
    public int? Connections { get; init; }

    /// <summary>Traffic sent beside the measured traffic on connections of its own, paced (the unknown-kid flood); null for none.</summary>
    public Func<Traffic>? Flood { get; init; }

    /// <summary>The authority whose JWKS fetches are counted during the round.</summary>
    public BenchAuthority? Authority { get; init; }
}

/// <summary>One mode's measurements in one round.</summary>
/// <param name="Mode">The mode.</param>
/// <param name="Round">The round, from 1.</param>
/// <param name="Wrk">wrk's report of the measured traffic.</param>
/// <param name="CpuMicroseconds">Server CPU time (user + system) over the round.</param>
/// <param name="AllocatedBytes">Server managed allocations over the round.</param>
/// <param name="ServerRequests">Requests the server saw over the round (both wrk runs when flooded).</param>
/// <param name="Gen2">Server gen-2 collections over the round.</param>
/// <param name="Flood">wrk's report of the flood, if any.</param>
/// <param name="JwksFetches">JWKS requests the authority served over the round.</param>
internal sealed record RoundResult(string Mode, int Round, WrkResult Wrk, double CpuMicroseconds, long AllocatedBytes, long ServerRequests, int Gen2, WrkResult? Flood, int JwksFetches)
{
    /// <summary>Server CPU µs per request (all requests the server answered in the round).</summary>
    public double CpuPerRequest => CpuMicroseconds / Math.Max(1, ServerRequests);

    /// <summary>Server bytes allocated per request.</summary>
    public double AllocatedPerRequest => (double)AllocatedBytes / Math.Max(1, ServerRequests);
}

/// <summary>A growth scenario's outcome: many distinct tokens or proofs through one server.</summary>
/// <param name="Name">The scenario.</param>
/// <param name="Distinct">Distinct tokens or proofs sent.</param>
/// <param name="Wrk">wrk's report.</param>
/// <param name="Gen0">Gen-0 collections during the run.</param>
/// <param name="Gen1">Gen-1 collections during the run.</param>
/// <param name="Gen2">Gen-2 collections during the run.</param>
/// <param name="LiveHeapBefore">Managed heap after a forced full collection before the run.</param>
/// <param name="LiveHeapAfter">Managed heap after a forced full collection after the run.</param>
/// <param name="WorkingSetAfter">The process working set after the run.</param>
internal sealed record GrowthResult(string Name, int Distinct, WrkResult Wrk, int Gen0, int Gen1, int Gen2, long LiveHeapBefore, long LiveHeapAfter, long WorkingSetAfter);

/// <summary>Start-up samples of one server kind: process start to the first 200 on <c>/mcp</c>.</summary>
internal sealed record StartupResult(string Server, IReadOnlyList<TimeSpan> Samples);

/// <summary>Everything one run measured.</summary>
/// <param name="Settings">The run's settings.</param>
/// <param name="Started">When it started.</param>
/// <param name="Elapsed">How long it took.</param>
/// <param name="Modes">The modes of the rounds.</param>
/// <param name="Rounds">Every mode's result in every round.</param>
/// <param name="Growth">The growth scenarios.</param>
/// <param name="Startup">The start-up samples.</param>
/// <param name="VerifyMicroseconds">One ES256 verify on this machine.</param>
internal sealed record RunResults(LoadSettings Settings, DateTimeOffset Started, TimeSpan Elapsed, IReadOnlyList<Mode> Modes, IReadOnlyList<RoundResult> Rounds, IReadOnlyList<GrowthResult> Growth, IReadOnlyList<StartupResult> Startup, double VerifyMicroseconds);
