using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace AuthPlane.Sdk.Jose;

/// <summary>
/// The one reader of public JWK members (RFC 7517, RFC 7518 §6) for both the issuer's JWKS and the <c>jwk</c> header
/// of DPoP proofs: canonical base64url everywhere, EC coordinates of exactly the curve's size, an RSA modulus without
/// leading zero octets (RFC 7518 §6.3.1.1, so one key has one thumbprint) between 2048 bits and a caller's maximum,
/// judged from its text length before it is decoded, and an odd public exponent of at most four octets.
/// </summary>
/// <remarks>
/// IdentityModel's <c>JsonWebKey</c> is not used: its members still need this decoding and these size rules, it
/// accepts repeated members and padded base64url, and the proof path must not allocate its object graph.
/// </remarks>
internal static class PublicJwkReader
{
    /// <summary>The smallest RSA modulus accepted, in bits.</summary>
    public const int MinRsaBits = 2048;

    private const int MaxRsaExponentChars = 6; // 4 octets

    private static readonly string[] PrivateMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

    /// <summary>True when <paramref name="jwk"/> carries any private (or symmetric) key member.</summary>
    public static bool HasPrivateMembers(JsonElement jwk)
    {
        foreach (var member in PrivateMembers)
        {
            if (jwk.TryGetProperty(member, out _))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The string member <paramref name="name"/>, or null when absent or not a string.</summary>
    public static string? GetString(JsonElement jwk, string name)
        => jwk.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Reads an EC public key on P-256, P-384 or P-521; <paramref name="crv"/>, <paramref name="x"/>, <paramref name="y"/> are its members' text.</summary>
    public static bool TryReadEc(JsonElement jwk, out string crv, out string x, out string y, out ECParameters parameters)
    {
        crv = GetString(jwk, "crv") ?? string.Empty;
        x = GetString(jwk, "x") ?? string.Empty;
        y = GetString(jwk, "y") ?? string.Empty;
        parameters = default;
        (ECCurve curve, int size) = crv switch
        {
            "P-256" => (ECCurve.NamedCurves.nistP256, 32),
            "P-384" => (ECCurve.NamedCurves.nistP384, 48),
            "P-521" => (ECCurve.NamedCurves.nistP521, 66),
            _ => (default(ECCurve), 0),
        };
        if (size == 0 || !TryDecodeExact(x, size, out var xBytes) || !TryDecodeExact(y, size, out var yBytes))
        {
            return false;
        }

        parameters = new ECParameters { Curve = curve, Q = new ECPoint { X = xBytes, Y = yBytes } };
        return true;
    }

    /// <summary>Reads an RSA public key of 2048 to <paramref name="maxBits"/> bits; <paramref name="n"/> and <paramref name="e"/> are its members' text.</summary>
    public static bool TryReadRsa(JsonElement jwk, int maxBits, out string n, out string e, out RSAParameters parameters)
    {
        n = GetString(jwk, "n") ?? string.Empty;
        e = GetString(jwk, "e") ?? string.Empty;
        parameters = default;

        // Bounds from the text length first, so an oversized modulus is never decoded.
        var minChars = ((MinRsaBits / 8 * 4) + 2) / 3;
        var maxChars = ((maxBits / 8 * 4) + 2) / 3;
        if (n.Length < minChars || n.Length > maxChars || e.Length is 0 or > MaxRsaExponentChars
            || !CanonicalBase64Url.TryDecode(n, out var modulus) || !CanonicalBase64Url.TryDecode(e, out var exponent)
            || modulus[0] == 0 || exponent[0] == 0 || (exponent[^1] & 1) == 0)
        {
            return false;
        }

        var bits = ((modulus.Length - 1) * 8) + (32 - int.LeadingZeroCount(modulus[0]));
        if (bits < MinRsaBits || bits > maxBits)
        {
            return false;
        }

        parameters = new RSAParameters { Modulus = modulus, Exponent = exponent };
        return true;
    }

    // The text length is checked first, so a coordinate of the wrong size is never decoded.
    private static bool TryDecodeExact(string text, int size, out byte[] bytes)
    {
        bytes = [];
        return text.Length == Base64Url.GetEncodedLength(size) && CanonicalBase64Url.TryDecode(text, out bytes) && bytes.Length == size;
    }
}
