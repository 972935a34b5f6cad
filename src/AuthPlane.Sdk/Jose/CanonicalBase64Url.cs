using System.Buffers;
using System.Buffers.Text;

namespace AuthPlane.Sdk.Jose;

/// <summary>
/// Strict base64url (RFC 7515 §2, RFC 4648 §5) for every attacker-reachable JOSE value: the URL-safe alphabet only,
/// no padding, no whitespace, and zero unused trailing bits (RFC 4648 §3.5), so each byte string has exactly one
/// text form. The platform decoder throws on non-zero trailing bits (for example <c>AB</c>); checking them here
/// first turns such text into a rejection instead of a <see cref="FormatException"/>.
/// </summary>
internal static class CanonicalBase64Url
{
    private static readonly SearchValues<char> Alphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    /// <summary>True when <paramref name="text"/> is non-empty canonical unpadded base64url.</summary>
    public static bool IsValid(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || text.ContainsAnyExcept(Alphabet))
        {
            return false;
        }

        // 2 characters in the last quantum carry one byte and 4 unused bits; 3 carry two bytes and 2 unused bits.
        return (text.Length % 4) switch
        {
            1 => false,
            2 => (ValueOf(text[^1]) & 0x0F) == 0,
            3 => (ValueOf(text[^1]) & 0x03) == 0,
            _ => true,
        };
    }

    /// <summary>The number of bytes <paramref name="text"/> decodes to; call only when <see cref="IsValid"/> holds.</summary>
    public static int DecodedLength(ReadOnlySpan<char> text) => (text.Length * 3) / 4;

    /// <summary>Decodes canonical <paramref name="text"/>; false (never an exception) for anything else.</summary>
    public static bool TryDecode(ReadOnlySpan<char> text, out byte[] bytes)
    {
        bytes = [];
        if (!IsValid(text))
        {
            return false;
        }

        var decoded = new byte[DecodedLength(text)];
        if (!DecodeValid(text, decoded))
        {
            return false;
        }

        bytes = decoded;
        return true;
    }

    private static bool DecodeValid(ReadOnlySpan<char> text, Span<byte> destination)
        => Base64Url.DecodeFromChars(text, destination, out _, out var written) == OperationStatus.Done && written == destination.Length;

    private static int ValueOf(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '-' => 62,
        _ => 63,
    };
}
