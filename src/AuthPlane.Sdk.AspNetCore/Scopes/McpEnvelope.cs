using System.Text.Json;

namespace AuthPlane.Sdk.AspNetCore.Scopes;

/// <summary>The outcome of reading a JSON-RPC envelope.</summary>
internal enum McpEnvelopeStatus
{
    /// <summary>Read; the targets were collected.</summary>
    Ok,

    /// <summary>Not JSON: the MCP SDK answers the parse error itself.</summary>
    Malformed,

    /// <summary>An envelope member (<c>method</c>, <c>params</c>, <c>name</c>, <c>uri</c>) appears twice with the same spelling.</summary>
    DuplicateMember,
}

/// <summary>
/// Reads the JSON-RPC envelope of an MCP POST body with one forward pass of <see cref="Utf8JsonReader"/> over the
/// bytes (no document, no copy), collecting for each message the target named by <c>tools/call</c>,
/// <c>prompts/get</c> (<c>params.name</c>) and <c>resources/read</c> (<c>params.uri</c>). Everything else, tool
/// arguments included, is skipped. Member names are matched case-insensitively and every candidate counts, so no
/// spelling a lenient deserializer might accept can hide a target; exactly repeated envelope members are refused.
/// </summary>
internal static class McpEnvelope
{
    private const int MaxInterestingNameLength = 8;

    /// <summary>Calls <paramref name="onTarget"/> with each (method, target) pair of <paramref name="utf8Json"/>.</summary>
    public static McpEnvelopeStatus Read<TState>(ReadOnlySpan<byte> utf8Json, TState state, Action<TState, string, string> onTarget)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 128 });
        try
        {
            if (!reader.Read())
            {
                return McpEnvelopeStatus.Malformed;
            }

            var status = McpEnvelopeStatus.Ok;
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                while (status == McpEnvelopeStatus.Ok && reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    status = reader.TokenType == JsonTokenType.StartObject ? ReadMessage(ref reader, state, onTarget) : SkipValue(ref reader);
                }
            }
            else if (reader.TokenType == JsonTokenType.StartObject)
            {
                status = ReadMessage(ref reader, state, onTarget);
            }
            else
            {
                reader.Skip();
            }

            // The rest must be well-formed too (trailing garbage is the SDK's parse error, not a pass).
            while (status == McpEnvelopeStatus.Ok && reader.Read())
            {
                reader.Skip();
            }

            return status;
        }
        catch (JsonException)
        {
            // Utf8JsonReader reports malformed JSON only by throwing; the body then goes to the MCP SDK's own parse error.
            return McpEnvelopeStatus.Malformed;
        }
    }

    private static McpEnvelopeStatus SkipValue(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return McpEnvelopeStatus.Ok;
    }

    private static McpEnvelopeStatus ReadMessage<TState>(ref Utf8JsonReader reader, TState state, Action<TState, string, string> onTarget)
    {
        var methods = new List<string>(1);
        List<string>? names = null;
        List<string>? uris = null;
        var exact = new ExactCounts();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            exact.Count(ref reader, "method"u8, "params"u8);
            switch (Member(ref reader))
            {
                case "method":
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String && ScopedMethod(ref reader) is { } method)
                    {
                        methods.Add(method);
                    }
                    else
                    {
                        reader.Skip();
                    }

                    break;
                case "params":
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        reader.Skip();
                        break;
                    }

                    var inner = new ExactCounts();
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        inner.Count(ref reader, "name"u8, "uri"u8);
                        var member = Member(ref reader);
                        reader.Read();
                        if (member is "name" or "uri" && reader.TokenType == JsonTokenType.String)
                        {
                            var list = member == "name" ? names ??= [] : uris ??= [];
                            list.Add(reader.GetString()!);
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }

                    if (inner.Repeated)
                    {
                        return McpEnvelopeStatus.DuplicateMember;
                    }

                    break;
                default:
                    reader.Read();
                    reader.Skip();
                    break;
            }
        }

        if (exact.Repeated)
        {
            return McpEnvelopeStatus.DuplicateMember;
        }

        // Every spelling counts: each scoped method with each candidate target.
        foreach (var method in methods)
        {
            var targets = method == McpScopeRequirements.ResourcesRead ? uris : names;
            foreach (var target in targets ?? [])
            {
                onTarget(state, method, target);
            }
        }

        return McpEnvelopeStatus.Ok;
    }

    /// <summary>Counts exact repeats of two member names (the repeats a strict JSON reader refuses).</summary>
    private struct ExactCounts
    {
        private int _first;
        private int _second;

        public readonly bool Repeated => _first > 1 || _second > 1;

        public void Count(ref Utf8JsonReader reader, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
        {
            if (reader.ValueTextEquals(first))
            {
                _first++;
            }
            else if (reader.ValueTextEquals(second))
            {
                _second++;
            }
        }
    }

    // The interned method name when it is one of the three scoped methods (exact, as the MCP SDK dispatches), else null.
    private static string? ScopedMethod(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals(McpScopeRequirements.ToolsCall) ? McpScopeRequirements.ToolsCall
        : reader.ValueTextEquals(McpScopeRequirements.PromptsGet) ? McpScopeRequirements.PromptsGet
        : reader.ValueTextEquals(McpScopeRequirements.ResourcesRead) ? McpScopeRequirements.ResourcesRead
        : null;

    // The lower-cased member name when it can be one of the envelope members, else null; no allocation.
    private static string? Member(ref Utf8JsonReader reader)
    {
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > MaxInterestingNameLength * 6)
        {
            return null;
        }

        Span<char> buffer = stackalloc char[MaxInterestingNameLength * 6];
        var written = reader.CopyString(buffer);
        var value = buffer[..written];
        return value.Equals("method", StringComparison.OrdinalIgnoreCase) ? "method"
            : value.Equals("params", StringComparison.OrdinalIgnoreCase) ? "params"
            : value.Equals("name", StringComparison.OrdinalIgnoreCase) ? "name"
            : value.Equals("uri", StringComparison.OrdinalIgnoreCase) ? "uri"
            : null;
    }
}
