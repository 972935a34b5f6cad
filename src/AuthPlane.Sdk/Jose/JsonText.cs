using System.Text.Unicode;

namespace AuthPlane.Sdk.Jose;

/// <summary>
/// The check every attacker-reachable JSON document passes once, before it is parsed: well-formed UTF-8 and no
/// escaped lone surrogate (<c>\uD800</c>). <c>System.Text.Json</c> parses both without complaint and only throws
/// later, when a string is read; checking the bytes first keeps every later read total.
/// </summary>
internal static class JsonText
{
    /// <summary>True when <paramref name="utf8"/> is valid UTF-8 whose <c>\u</c> escapes pair every surrogate.</summary>
    public static bool IsWellFormed(ReadOnlySpan<byte> utf8)
        => Utf8.IsValid(utf8) && (utf8.IndexOf("\\u"u8) < 0 || EscapedSurrogatesArePaired(utf8));

    // Rare path (producers seldom escape): walk the escapes; an escaped high surrogate must be followed directly by
    // an escaped low surrogate, and a low surrogate must not stand alone. Malformed escapes are left to the parser.
    private static bool EscapedSurrogatesArePaired(ReadOnlySpan<byte> utf8)
    {
        var i = 0;
        while (i < utf8.Length - 1)
        {
            if (utf8[i] != '\\')
            {
                i++;
                continue;
            }

            if (utf8[i + 1] != 'u')
            {
                i += 2; // \" \\ \/ \b \f \n \r \t: the escaped character can never start another escape
                continue;
            }

            if (!TryReadEscape(utf8, i, out var unit))
            {
                return true; // not a complete \uXXXX escape: the parser refuses it
            }

            i += 6;
            if (char.IsLowSurrogate(unit))
            {
                return false;
            }

            if (char.IsHighSurrogate(unit))
            {
                if (!TryReadEscape(utf8, i, out var low) || !char.IsLowSurrogate(low))
                {
                    return false;
                }

                i += 6;
            }
        }

        return true;
    }

    private static bool TryReadEscape(ReadOnlySpan<byte> utf8, int at, out char unit)
    {
        unit = '\0';
        if (at + 6 > utf8.Length || utf8[at] != '\\' || utf8[at + 1] != 'u')
        {
            return false;
        }

        var value = 0;
        for (var k = at + 2; k < at + 6; k++)
        {
            var digit = HexValue(utf8[k]);
            if (digit < 0)
            {
                return false;
            }

            value = (value << 4) | digit;
        }

        unit = (char)value;
        return true;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
