using System.Buffers.Text;
using System.Text;

namespace AuthPlane.Sdk.Tests.Jose;

/// <summary>Builds compact JWS text from raw header and payload bytes (for example invalid UTF-8), signed by any key.</summary>
internal static class RawJws
{
    /// <summary>Signs a JWS signing input (the shape of <c>TestSigningKey.Sign</c> and <c>DPoPKey.Sign</c>).</summary>
    public delegate byte[] Signer(ReadOnlySpan<byte> data);

    public static string Compact(byte[] header, byte[] payload, Signer sign)
    {
        var signingInput = Base64Url.EncodeToString(header) + "." + Base64Url.EncodeToString(payload);
        return signingInput + "." + Base64Url.EncodeToString(sign(Encoding.ASCII.GetBytes(signingInput)));
    }

    /// <summary>The UTF-8 bytes of <paramref name="json"/> with every <c>@@</c> replaced by the lone byte 0xFF (never valid UTF-8).</summary>
    public static byte[] WithInvalidUtf8(string json)
    {
        var parts = json.Split("@@");
        var bytes = new List<byte>();
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0)
            {
                bytes.Add(0xFF);
            }

            bytes.AddRange(Encoding.UTF8.GetBytes(parts[i]));
        }

        return [.. bytes];
    }

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /// <summary>
    /// The same bytes' non-canonical spelling: the lowest unused trailing bit of the last character set (or, for a
    /// segment without unused bits, "AB" appended, whose "B" leaves one set).
    /// </summary>
    public static string WithTrailingBitSet(string segment)
    {
        if (segment.Length % 4 is 0)
        {
            return segment + "AB";
        }

        var value = Alphabet.IndexOf(segment[^1], StringComparison.Ordinal);
        return segment[..^1] + Alphabet[value | 1];
    }
}
