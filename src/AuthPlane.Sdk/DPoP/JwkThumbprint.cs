using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace AuthPlane.Sdk.DPoP;

/// <summary>
/// RFC 7638 JWK thumbprints (SHA-256, base64url), the value a DPoP-bound token carries in <c>cnf.jkt</c>.
/// </summary>
/// <remarks>
/// The canonical JSON is written by hand: RFC 7638 §3 fixes the exact bytes (required members only, in
/// lexicographic order, no whitespace), and the member values are base64url or fixed names that need no
/// JSON escaping, which is checked here so the bytes are unambiguous.
/// </remarks>
public static class JwkThumbprint
{
    /// <summary>The thumbprint of an EC public key with curve <paramref name="crv"/> and coordinates <paramref name="x"/>, <paramref name="y"/> (base64url).</summary>
    public static string ComputeEc(string crv, string x, string y)
    {
        EnsurePlain(crv);
        EnsurePlain(x);
        EnsurePlain(y);
        return Hash($"{{\"crv\":\"{crv}\",\"kty\":\"EC\",\"x\":\"{x}\",\"y\":\"{y}\"}}");
    }

    /// <summary>The thumbprint of an RSA public key with exponent <paramref name="e"/> and modulus <paramref name="n"/> (base64url).</summary>
    public static string ComputeRsa(string e, string n)
    {
        EnsurePlain(e);
        EnsurePlain(n);
        return Hash($"{{\"e\":\"{e}\",\"kty\":\"RSA\",\"n\":\"{n}\"}}");
    }

    private static string Hash(string canonicalJson)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(canonicalJson), digest);
        return Base64Url.EncodeToString(digest);
    }

    private static void EnsurePlain(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        foreach (var c in value)
        {
            if (c is '"' or '\\' || c < ' ' || c > '~')
            {
                throw new ArgumentException("JWK member values of a thumbprint must be printable ASCII without quotes or backslashes.", nameof(value));
            }
        }
    }
}
