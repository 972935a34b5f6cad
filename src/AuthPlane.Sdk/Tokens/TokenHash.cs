using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace AuthPlane.Sdk.Tokens;

/// <summary>
/// The SHA-256 of a token as four integers: a cache key that holds no token material and is compared and hashed
/// without allocating (a string or byte-array key would allocate on every lookup of the hot path). Keys every
/// <see cref="TokenHashCache{TValue}"/> (verified tokens, introspection answers, exchanged tokens), the DPoP replay
/// cache (hash of the <c>jti</c>) and the DPoP key cache (hash of the proof's <c>jwk</c>).
/// </summary>
internal readonly record struct TokenHash(ulong Part0, ulong Part1, ulong Part2, ulong Part3)
{
    public static TokenHash Of(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Of(token.AsSpan());
    }

    public static TokenHash Of(ReadOnlySpan<char> token) => Of(token, default, separated: false);

    /// <summary>
    /// The SHA-256 of the UTF-8 of <paramref name="first"/>, a zero byte and the UTF-8 of <paramref name="second"/>:
    /// a key of two values (a DPoP key's thumbprint and a proof's <c>jti</c>) that no other pair can produce as long as
    /// <paramref name="first"/> contains no NUL.
    /// </summary>
    public static TokenHash OfPair(ReadOnlySpan<char> first, ReadOnlySpan<char> second) => Of(first, second, separated: true);

    private static TokenHash Of(ReadOnlySpan<char> first, ReadOnlySpan<char> second, bool separated)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(first.Length + second.Length + 1));
        var length = 0;
        try
        {
            length = Encoding.UTF8.GetBytes(first, buffer);
            if (separated)
            {
                buffer[length++] = 0;
                length += Encoding.UTF8.GetBytes(second, buffer.AsSpan(length));
            }

            return OfUtf8(buffer.AsSpan(0, length));
        }
        finally
        {
            // The pooled buffer held a bearer credential: wipe the part that was used before handing it back.
            buffer.AsSpan(0, length).Clear();
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The SHA-256 of <paramref name="utf8"/>.</summary>
    public static TokenHash OfUtf8(ReadOnlySpan<byte> utf8)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8, hash);
        return new TokenHash(
            BinaryPrimitives.ReadUInt64LittleEndian(hash),
            BinaryPrimitives.ReadUInt64LittleEndian(hash[8..]),
            BinaryPrimitives.ReadUInt64LittleEndian(hash[16..]),
            BinaryPrimitives.ReadUInt64LittleEndian(hash[24..]));
    }

    /// <summary>Writes the 32 digest bytes to <paramref name="destination"/>.</summary>
    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination, Part0);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], Part1);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], Part2);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[24..], Part3);
    }
}
