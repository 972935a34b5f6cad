using System.Globalization;

namespace AuthPlane.Sdk.LoadBench.Server;

/// <summary>The command line of one benchmarked server process (<c>serve --kind … --port …</c>).</summary>
internal sealed record ServerArguments(ServerKind Kind, int Port, string Issuer, string MetadataUrl, int ParentProcessId)
{
    /// <summary>The resource URI every benchmarked server shares, so one token pool serves every server.</summary>
    public const string Resource = "http://127.0.0.1/mcp";

    /// <summary>The MCP endpoint path.</summary>
    public const string McpPath = "/mcp";

    /// <summary>The path that answers only the count of MCP requests (cheap enough to poll during a round).</summary>
    public const string RequestCountPath = "/_bench/requests";

    /// <summary>The path of the measurement endpoint (allocated bytes, GC counts, requests seen).</summary>
    public const string StatsPath = "/_bench/stats";

    /// <summary>The arguments that start a server process with these settings.</summary>
    public IReadOnlyList<string> ToCommandLine() =>
    [
        "serve",
        "--kind", Kind.ToString(),
        "--port", Port.ToString(CultureInfo.InvariantCulture),
        "--issuer", Issuer,
        "--metadata", MetadataUrl,
        "--parent-pid", ParentProcessId.ToString(CultureInfo.InvariantCulture),
    ];

    /// <summary>Reads what <see cref="ToCommandLine"/> wrote (the leading <c>serve</c> already removed).</summary>
    public static ServerArguments Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            values[args[i]] = args[i + 1];
        }

        return new ServerArguments(
            Enum.Parse<ServerKind>(values["--kind"]),
            int.Parse(values["--port"], CultureInfo.InvariantCulture),
            values["--issuer"],
            values["--metadata"],
            int.Parse(values["--parent-pid"], CultureInfo.InvariantCulture));
    }
}
