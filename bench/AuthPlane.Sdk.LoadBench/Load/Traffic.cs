namespace AuthPlane.Sdk.LoadBench.Load;

/// <summary>What wrk sends in one run: fixed headers and body, optionally a pool of per-request header lines.</summary>
/// <param name="HeadersFile">Header lines sent with every request.</param>
/// <param name="BodyFile">The JSON-RPC body.</param>
/// <param name="PoolFile">One line per request (tab-separated header lines), each used once; null for a fixed request.</param>
/// <param name="PoolSize">Lines in <paramref name="PoolFile"/>.</param>
/// <param name="ExpectedStatus">The status every answer must have; any other counts as an error.</param>
internal sealed record Traffic(string HeadersFile, string BodyFile, string? PoolFile, int PoolSize, int ExpectedStatus);

/// <summary>Writes the files wrk reads into one directory of the run.</summary>
internal sealed class TrafficWriter(string directory)
{
    /// <summary>The MCP request every mode sends: a stateless <c>tools/call</c>.</summary>
    public static string ToolCall(string tool) =>
        """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":""" + "\"" + tool + "\"" + ""","arguments":{"text":"hi"}}}""";

    /// <summary>
    /// The headers of a stateless MCP POST with the 2.4.0 SDK: JSON and SSE both accepted (required, or 406), a JSON
    /// body, and the negotiated protocol version (a stateless server has no session to remember it).
    /// </summary>
    public static IReadOnlyList<string> McpHeaders { get; } =
        ["Accept: application/json, text/event-stream", "Content-Type: application/json", $"MCP-Protocol-Version: {ProtocolVersion}"];

    /// <summary>The MCP protocol version sent in <c>MCP-Protocol-Version</c>.</summary>
    public const string ProtocolVersion = "2025-11-25";

    private int _files;

    /// <summary>A fixed request: the MCP headers plus <paramref name="extraHeaders"/>.</summary>
    public Traffic Fixed(string tool, IEnumerable<string> extraHeaders, int expectedStatus = 200) =>
        new(WriteLines("headers", [.. McpHeaders, .. extraHeaders]), WriteText("body", ToolCall(tool)), null, 0, expectedStatus);

    /// <summary>A pool of <paramref name="count"/> requests; <paramref name="line"/> makes the header line(s) of the i-th.</summary>
    public Traffic Pool(string tool, IEnumerable<string> extraHeaders, int count, Func<int, string> line, int expectedStatus = 200)
    {
        var path = NextPath("pool");
        using (var writer = new StreamWriter(path))
        {
            for (var i = 0; i < count; i++)
            {
                writer.Write(line(i));
                writer.Write('\n');
            }
        }

        return new(WriteLines("headers", [.. McpHeaders, .. extraHeaders]), WriteText("body", ToolCall(tool)), path, count, expectedStatus);
    }

    /// <summary>Deletes a pool file once used (they can be large).</summary>
    public static void Delete(Traffic traffic)
    {
        if (traffic.PoolFile is { } pool)
        {
            File.Delete(pool);
        }
    }

    private string WriteLines(string name, IEnumerable<string> lines)
    {
        var path = NextPath(name);
        File.WriteAllLines(path, lines);
        return path;
    }

    private string WriteText(string name, string text)
    {
        var path = NextPath(name);
        File.WriteAllText(path, text);
        return path;
    }

    private string NextPath(string name) => Path.Combine(directory, $"{name}-{Interlocked.Increment(ref _files)}.txt");
}
