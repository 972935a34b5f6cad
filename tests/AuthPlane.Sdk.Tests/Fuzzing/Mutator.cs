using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace AuthPlane.Sdk.Tests.Fuzzing;

/// <summary>
/// Seeded, deterministic mutations of compact JWS text and of JSON documents: byte flips, truncation, segment swaps
/// and duplication, invalid UTF-8 and escaped lone surrogates inside JSON, huge numbers, deep nesting, and
/// non-canonical base64url (trailing bits, padding, whitespace, the standard alphabet). One to three mutations are
/// stacked per input.
/// </summary>
internal sealed class Mutator(int seed)
{
    private static readonly string[] HugeNumbers =
    [
        "253402300799", "253402300800", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
        "18446744073709551616", "1e400", "-1e400", "1e308", "4.9e-324", "-0", "0.5", "1.7976931348623157e308",
        "123456789012345678901234567890", "-1", "0",
    ];

    private static readonly byte[][] BadUtf8 =
    [
        [0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x80], [0xFE, 0xFF],
    ];

    private static readonly string[] BadEscapes = ["\\ud800", "\\udfff", "\\ud800\\u0041", "\\u00", "\\uZZZZ", "\\", "\\u0000"];

    private readonly Random _random = new(seed);

    public Random Random => _random;

    /// <summary>A mutation of one of <paramref name="seeds"/>, compact JWS text.</summary>
    public string MutateCompact(IReadOnlyList<string> seeds)
    {
        var text = seeds[_random.Next(seeds.Count)];
        var rounds = 1 + _random.Next(3);
        for (var i = 0; i < rounds; i++)
        {
            text = MutateCompactOnce(text, seeds);
        }

        return text;
    }

    /// <summary>A mutation of one of <paramref name="seeds"/>, raw JSON bytes.</summary>
    public byte[] MutateJson(IReadOnlyList<byte[]> seeds)
    {
        var bytes = seeds[_random.Next(seeds.Count)];
        var rounds = 1 + _random.Next(3);
        for (var i = 0; i < rounds; i++)
        {
            bytes = MutateJsonOnce(bytes);
        }

        return bytes;
    }

    private string MutateCompactOnce(string text, IReadOnlyList<string> seeds)
    {
        var segments = text.Split('.');
        switch (_random.Next(12))
        {
            case 0: // flip one character to any character (including non-ASCII)
                return text.Length == 0 ? "." : ReplaceAt(text, _random.Next(text.Length), (char)_random.Next(0, 0x250));
            case 1: // truncate
                return text[.._random.Next(text.Length + 1)];
            case 2: // swap two segments
                {
                    var a = _random.Next(segments.Length);
                    var b = _random.Next(segments.Length);
                    (segments[a], segments[b]) = (segments[b], segments[a]);
                    return string.Join('.', segments);
                }

            case 3: // duplicate a segment (four or five segments, or a reordered three)
                {
                    var list = segments.ToList();
                    var at = _random.Next(list.Count);
                    list.Insert(_random.Next(list.Count + 1), list[at]);
                    if (_random.Next(2) == 0 && list.Count > 3)
                    {
                        list.RemoveAt(_random.Next(list.Count));
                    }

                    return string.Join('.', list);
                }

            case 4: // splice a segment of another seed
                {
                    var other = seeds[_random.Next(seeds.Count)].Split('.');
                    var at = _random.Next(Math.Min(segments.Length, other.Length));
                    segments[at] = other[at];
                    return string.Join('.', segments);
                }

            case 5: // non-canonical base64url
                return NonCanonical(segments);
            default: // mutate the JSON inside the header or payload and re-encode it canonically
                {
                    var at = _random.Next(Math.Min(2, segments.Length));
                    if (!TryDecode(segments[at], out var json))
                    {
                        return text.Length == 0 ? "A" : ReplaceAt(text, _random.Next(text.Length), 'A');
                    }

                    segments[at] = Base64Url.EncodeToString(MutateJsonOnce(json));
                    return string.Join('.', segments);
                }
        }
    }

    private string NonCanonical(string[] segments)
    {
        var at = _random.Next(segments.Length);
        var segment = segments[at];
        segments[at] = _random.Next(5) switch
        {
            0 when segment.Length % 4 is 2 or 3 && Alphabet.Contains(segment[^1], StringComparison.Ordinal)
                => segment[..^1] + Alphabet[Alphabet.IndexOf(segment[^1], StringComparison.Ordinal) | 1],
            1 => segment + (segment.Length % 4 == 2 ? "==" : "="),
            2 => segment.Insert(_random.Next(segment.Length + 1), _random.Next(2) == 0 ? " " : "\n"),
            3 => segment.Replace('-', '+').Replace('_', '/') + (segment.Contains('-', StringComparison.Ordinal) || segment.Contains('_', StringComparison.Ordinal) ? string.Empty : "+"),
            _ => segment + "A", // length % 4 == 1 is never base64
        };
        return string.Join('.', segments);
    }

    private byte[] MutateJsonOnce(byte[] json)
    {
        switch (_random.Next(10))
        {
            case 0: // flip one bit
                {
                    if (json.Length == 0)
                    {
                        return [(byte)'{'];
                    }

                    var copy = (byte[])json.Clone();
                    copy[_random.Next(copy.Length)] ^= (byte)(1 << _random.Next(8));
                    return copy;
                }

            case 1: // truncate
                return json[.._random.Next(json.Length + 1)];
            case 2: // invalid UTF-8 inside a string
                return InsertInString(json, BadUtf8[_random.Next(BadUtf8.Length)]);
            case 3: // an escaped lone surrogate or a broken escape inside a string
                return InsertInString(json, Encoding.ASCII.GetBytes(BadEscapes[_random.Next(BadEscapes.Length)]));
            case 4: // a huge or odd number in place of a value
                return ReplaceValue(json, HugeNumbers[_random.Next(HugeNumbers.Length)]);
            case 5: // deep nesting in place of a value
                {
                    var depth = _random.Next(2) == 0 ? _random.Next(2, 40) : _random.Next(40, 5000);
                    var open = _random.Next(2) == 0 ? "[" : "{\"a\":";
                    var close = open == "[" ? "]" : "}";
                    return ReplaceValue(json, string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth)));
                }

            case 6: // another JSON type in place of a value
                return ReplaceValue(json, new[] { "null", "true", "[]", "{}", "\"\"", "[\"a\",1]", "{\"jkt\":1}", "\"x\"" }[_random.Next(8)]);
            case 7: // duplicate a member (the first one, appended again)
                {
                    var text = Encoding.UTF8.GetString(json);
                    var start = text.IndexOf('"', StringComparison.Ordinal);
                    var end = start < 0 ? -1 : text.IndexOfAny([',', '}'], start);
                    return start < 0 || end < 0 || !text.EndsWith('}')
                        ? json
                        : Encoding.UTF8.GetBytes(text[..^1] + "," + text[start..end] + "}");
                }

            case 8: // a random byte inserted anywhere
                {
                    var at = _random.Next(json.Length + 1);
                    return [.. json[..at], (byte)_random.Next(256), .. json[at..]];
                }

            default: // a chunk duplicated
                {
                    if (json.Length < 2)
                    {
                        return [.. json, .. json];
                    }

                    var from = _random.Next(json.Length);
                    var length = _random.Next(1, Math.Min(64, json.Length - from) + 1);
                    var at = _random.Next(json.Length + 1);
                    return [.. json[..at], .. json.AsSpan(from, length), .. json[at..]];
                }
        }
    }

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private byte[] InsertInString(byte[] json, byte[] insert)
    {
        var quotes = new List<int>();
        for (var i = 0; i < json.Length; i++)
        {
            if (json[i] == '"')
            {
                quotes.Add(i);
            }
        }

        var at = quotes.Count == 0 ? _random.Next(json.Length + 1) : quotes[_random.Next(quotes.Count)] + 1;
        at = Math.Min(at, json.Length);
        return [.. json[..at], .. insert, .. json[at..]];
    }

    // Replaces the value after a random ':' (up to the next ',' or '}') with replacement.
    private byte[] ReplaceValue(byte[] json, string replacement)
    {
        var colons = new List<int>();
        for (var i = 0; i < json.Length; i++)
        {
            if (json[i] == ':')
            {
                colons.Add(i);
            }
        }

        if (colons.Count == 0)
        {
            return Encoding.UTF8.GetBytes(replacement);
        }

        var start = colons[_random.Next(colons.Count)] + 1;
        var end = start;
        var inString = false;
        while (end < json.Length && (inString || (json[end] != ',' && json[end] != '}')))
        {
            if (json[end] == '"' && (end == start || json[end - 1] != '\\'))
            {
                inString = !inString;
            }

            end++;
        }

        return [.. json[..start], .. Encoding.UTF8.GetBytes(replacement), .. json[end..]];
    }

    private static string ReplaceAt(string text, int index, char c) => string.Create(
        text.Length,
        (text, index, c),
        static (span, state) =>
        {
            state.text.AsSpan().CopyTo(span);
            span[state.index] = state.c;
        });

    private static bool TryDecode(string segment, out byte[] bytes)
    {
        bytes = [];
        if (segment.Length == 0 || segment.Length % 4 == 1 || !Base64Url.IsValid(segment))
        {
            return false;
        }

        try
        {
            bytes = Base64Url.DecodeFromChars(segment);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>A short description of an input for a failure message.</summary>
    public static string Describe(string input) => input.Length <= 300 ? input : input[..300] + "…(" + input.Length.ToString(CultureInfo.InvariantCulture) + " chars)";
}
