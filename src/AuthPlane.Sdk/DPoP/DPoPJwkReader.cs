using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using AuthPlane.Sdk.Errors;
using AuthPlane.Sdk.Jose;

namespace AuthPlane.Sdk.DPoP;

/// <summary>
/// Reads the <c>jwk</c> header of a DPoP proof (RFC 9449 §4.3 items 5–6): public members only, the key type
/// and curve the proof <c>alg</c> needs, exact EC coordinate lengths, and an RSA modulus of 2048–4096 bits
/// judged from its base64url length before anything is decoded or imported.
/// </summary>
internal static class DPoPJwkReader
{
    private const int MinRsaModulusChars = 342; // ceil(256 bytes * 4 / 3): 2048 bits
    private const int MaxRsaModulusChars = 683; // ceil(512 bytes * 4 / 3): 4096 bits
    private const int MaxRsaExponentChars = 6;  // 4 bytes

    private static readonly string[] PrivateMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

    public static RejectionReason Read(JsonElement header, string algorithm, out DPoPPublicJwk? jwk)
    {
        jwk = null;
        if (!header.TryGetProperty("jwk", out var key))
        {
            return RejectionReason.DPoPJwkMissing;
        }

        if (key.ValueKind != JsonValueKind.Object)
        {
            return RejectionReason.DPoPJwkInvalid;
        }

        foreach (var member in PrivateMembers)
        {
            if (key.TryGetProperty(member, out _))
            {
                return RejectionReason.DPoPJwkContainsPrivateKey;
            }
        }

        var kty = GetString(key, "kty");
        return algorithm switch
        {
            "ES256" => ReadEc(key, kty, "P-256", ECCurve.NamedCurves.nistP256, 32, out jwk),
            "ES384" => ReadEc(key, kty, "P-384", ECCurve.NamedCurves.nistP384, 48, out jwk),
            "RS256" or "PS256" => ReadRsa(key, kty, out jwk),
            _ => RejectionReason.DPoPAlgorithmNotAllowed,
        };
    }

    private static RejectionReason ReadEc(JsonElement key, string? kty, string curveName, ECCurve curve, int coordinateBytes, out DPoPPublicJwk? jwk)
    {
        jwk = null;
        var crv = GetString(key, "crv");
        var x = GetString(key, "x");
        var y = GetString(key, "y");
        var encodedLength = Base64Url.GetEncodedLength(coordinateBytes);
        if (kty != "EC" || crv != curveName || x?.Length != encodedLength || y?.Length != encodedLength)
        {
            return RejectionReason.DPoPJwkInvalid;
        }

        var xBytes = Decode(x, coordinateBytes);
        var yBytes = Decode(y, coordinateBytes);
        if (xBytes is null || yBytes is null)
        {
            return RejectionReason.DPoPJwkInvalid;
        }

        jwk = DPoPPublicJwk.ForEc(JwkThumbprint.ComputeEc(crv, x, y), curve, xBytes, yBytes);
        return RejectionReason.None;
    }

    private static RejectionReason ReadRsa(JsonElement key, string? kty, out DPoPPublicJwk? jwk)
    {
        jwk = null;
        var n = GetString(key, "n");
        var e = GetString(key, "e");
        if (kty != "RSA" || n is null || e is null
            || n.Length < MinRsaModulusChars || n.Length > MaxRsaModulusChars
            || e.Length == 0 || e.Length > MaxRsaExponentChars)
        {
            return RejectionReason.DPoPJwkInvalid;
        }

        var modulus = Decode(n, -1);
        var exponent = Decode(e, -1);
        if (modulus is null || exponent is null || modulus[0] == 0 || exponent[0] == 0 || (exponent[^1] & 1) == 0)
        {
            return RejectionReason.DPoPJwkInvalid;
        }

        var bits = ((modulus.Length - 1) * 8) + (32 - int.LeadingZeroCount(modulus[0]));
        if (bits is < 2048 or > 4096)
        {
            return RejectionReason.DPoPJwkInvalid;
        }

        jwk = DPoPPublicJwk.ForRsa(JwkThumbprint.ComputeRsa(e, n), modulus, exponent);
        return RejectionReason.None;
    }

    private static string? GetString(JsonElement obj, string name)
        => obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[]? Decode(string value, int expectedBytes)
    {
        if (!CompactJws.IsBase64UrlText(value) || !Base64Url.IsValid(value, out var length) || (expectedBytes >= 0 && length != expectedBytes))
        {
            return null;
        }

        return Base64Url.DecodeFromChars(value);
    }
}
