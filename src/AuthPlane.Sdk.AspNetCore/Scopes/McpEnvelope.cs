using System.Text.Json;

namespace AuthPlane.Sdk.AspNetCore.Scopes;

/// <summary>The outcome of reading a JSON-RPC envelope.</summary>
internal enum McpEnvelopeStatus
{
    /// <summary>Read; the targets were collected.</summary>
    Ok,

    /// <summary>Not JSON: the MCP SDK answers the parse error itself.</summary>
    Malformed,

    /// <summary>An envelope member (<c>method</c>, <c>params</c>, <c>name</c>, <c>uri</c>) appears twice.</summary>
    DuplicateMember,
}

/// <summary>
/// Reads the JSON-RPC envelope of an MCP POST body with one forward pass of <see cref="Utf8JsonReader"/> over the
/// bytes (no document, no copy), collecting for each message the target named by <c>tools/call</c>,
/// <c>prompts/get</c> (<c>params.name</c>) and <c>resources/read</c> (<c>params.uri</c>). Everything else, tool
/// arguments included, is skipped. Member names are matched case-insensitively and every candidate counts, so no
/// spelling a lenient deserializer might accept can hide a target; repeated envelope members are refused.
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
        string? method = null;
        var methods = 0;
        var paramsSeen = 0;
        string? name = null;
        string? uri = null;
        var names = 0;
        var uris = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            switch (Member(ref reader))
            {
                case "method":
                    methods++;
                    reader.Read();
                    method = reader.TokenType == JsonTokenType.String ? ScopedMethod(ref reader) : SkipAndNull(ref reader);
                    break;
                case "params":
                    paramsSeen++;
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        reader.Skip();
                        break;
                    }

                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var member = Member(ref reader);
                        reader.Read();
                        if (member == "name")
                        {
                            names++;
                            name = reader.TokenType == JsonTokenType.String ? reader.GetString() : SkipAndNull(ref reader);
                        }
                        else if (member == "uri")
                        {
                            uris++;
                            uri = reader.TokenType == JsonTokenType.String ? reader.GetString() : SkipAndNull(ref reader);
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }

                    break;
                default:
                    reader.Read();
                    reader.Skip();
                    break;
            }
        }

        if (methods > 1 || paramsSeen > 1 || names > 1 || uris > 1)
        {
            return McpEnvelopeStatus.DuplicateMember;
        }

        var target = method switch
        {
            McpScopeRequirements.ToolsCall or McpScopeRequirements.PromptsGet => name,
            McpScopeRequirements.ResourcesRead => uri,
            _ => null,
        };
        if (method is not null && target is not null)
        {
            onTarget(state, method, target);
        }

        return McpEnvelopeStatus.Ok;
    }

    private static string? SkipAndNull(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
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
