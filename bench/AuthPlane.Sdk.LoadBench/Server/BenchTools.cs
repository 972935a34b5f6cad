using System.ComponentModel;
using AuthPlane.Sdk.AspNetCore;
using ModelContextProtocol.Server;

namespace AuthPlane.Sdk.LoadBench.Server;

/// <summary>The two tools of the benchmarked app: one trivial, one behind <c>[RequireScope]</c>.</summary>
[McpServerToolType]
internal static class BenchTools
{
    /// <summary>The scope the scoped tool requires and every benchmark token carries.</summary>
    public const string Scope = "bench:read";

    /// <summary>Returns its argument: the cheapest tool there is.</summary>
    [McpServerTool(Name = "echo", ReadOnly = true), Description("Returns the text it is given.")]
    public static string Echo(string text) => text;

    /// <summary>The same as <see cref="Echo"/>, but AuthPlane's scope gate must let the call through first.</summary>
    [McpServerTool(Name = "scoped_echo", ReadOnly = true), RequireScope(Scope), Description("Returns the text it is given; needs bench:read.")]
    public static string ScopedEcho(string text) => text;
}
