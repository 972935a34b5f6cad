using System.Text.Json;

namespace AuthPlane.Sdk.Tokens;

/// <summary>
/// Parses a JOSE header or JWT claims set as a JSON object, rejecting a repeated member name at any depth.
/// Hand-written because <see cref="JsonDocument"/> and IdentityModel's JWT handler both accept duplicates
/// (last or first one wins), which lets one component read a different <c>alg</c> or <c>aud</c> than another;
/// RFC 7515 §5.2 and RFC 8725 §3.6 require rejecting such input.
/// </summary>
internal static class StrictJsonObject
{
    private const int MaxDepth = 32;

    /// <summary>The outcome of <see cref="TryParse"/>.</summary>
    public enum Outcome
    {
        /// <summary>A JSON object without repeated members.</summary>
        Ok,

        /// <summary>Not JSON, or JSON but not an object.</summary>
        Malformed,

        /// <summary>Some object repeats a member name.</summary>
        DuplicateMember,
    }

    /// <summary>Parses <paramref name="utf8"/> into a self-contained <paramref name="value"/> (no document to dispose).</summary>
    public static Outcome TryParse(ReadOnlySpan<byte> utf8, out JsonElement value)
    {
        value = default;
        var outcome = Scan(utf8);
        if (outcome != Outcome.Ok)
        {
            return outcome;
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
        value = JsonElement.ParseValue(ref reader);
        return Outcome.Ok;
    }

    private static Outcome Scan(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
        var scopes = new Stack<HashSet<string>?>();
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return Outcome.Malformed;
            }

            scopes.Push(new HashSet<string>(StringComparer.Ordinal));
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        scopes.Push(new HashSet<string>(StringComparer.Ordinal));
                        break;
                    case JsonTokenType.StartArray:
                        scopes.Push(null);
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        scopes.Pop();
                        break;
                    case JsonTokenType.PropertyName:
                        // GetString unescapes, so "al\u0067" and "alg" count as the same member.
                        if (!scopes.Peek()!.Add(reader.GetString()!))
                        {
                            return Outcome.DuplicateMember;
                        }

                        break;
                }
            }

            return scopes.Count == 0 ? Outcome.Ok : Outcome.Malformed;
        }
        catch (JsonException)
        {
            return Outcome.Malformed;
        }
    }
}
