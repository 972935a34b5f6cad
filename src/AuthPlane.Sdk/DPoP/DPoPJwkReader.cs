using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using AuthPlane.Sdk.Errors;
using AuthPlane.Sdk.Jose;
using AuthPlane.Sdk.Keys;

namespace AuthPlane.Sdk.DPoP;

/// <summary>
/// Reads the <c>jwk</c> header of a DPoP proof (RFC 9449 §4.3 items 5–6): public members only, the key type
/// and curve the proof <c>alg</c> needs, exact EC coordinate lengths, and an RSA modulus of 2048–4096 bits
/// judged from its base64url length before anything is decoded or imported. Key type, curve and coordinate size
/// come from the shared <see cref="JwsAlgorithm"/> table; every member is canonical base64url.
/// </summary>
internal static class DPoPJwkReader
{
    private const int MinRsaModulusChars = 342; // ceil(256 bytes * 4 / 3): 2048 bits
    private const int MaxRsaModulusChars = 683; // ceil(512 bytes * 4 / 3): 4096 bits
    private const int MaxRsaExponentChars = 6;  // 4 bytes

    private static readonly string[] PrivateMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

    public static RejectionReason Read(JsonElement header, JwsAlgorithm algorithm, out DPoPPublicJwk? jwk)
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
        if (!string.Equals(kty, algorithm.KeyType, StringComparison.Ordinal))
        {
            return RejectionReason.DPoPJwkInvalid;
        }

        return algorithm.IsEllipticCurve ? ReadEc(key, algorithm, out jwk) : ReadRsa(key, out jwk);
    }

    private static RejectionReason ReadEc(JsonElement key, JwsAlgorithm algorithm, out DPoPPublicJwk? jwk)
    {
        jwk = null;
        var crv = GetString(key, "crv");
        var x = GetString(key, "x");
        var y = GetString(key, "y");
        var coordinateBytes = algorithm.SignatureLength / 2;
        var encodedLength = Base64Url.GetEncodedLength(coordinateBytes);
        if (crv is null || crv != algorithm.Curve || x?.Length != encodedLength || y?.Length != encodedLength)
        {
            return RejectionReason.DPoPJwkInvalid;
        }

        var xBytes = Decode(x, coordinateBytes);
        var yBytes = Decode(y, coordinateBytes);
        if (xBytes is null || yBytes is null)
        {
            return RejectionReason.DPoPJwkInvalid;
        }

        jwk = DPoPPublicJwk.ForEc(JwkThumbprint.ComputeEc(crv, x, y), NamedCurve(crv), xBytes, yBytes);
        return RejectionReason.None;
    }

    private static RejectionReason ReadRsa(JsonElement key, out DPoPPublicJwk? jwk)
    {
        jwk = null;
        var n = GetString(key, "n");
        var e = GetString(key, "e");
        if (n is null || e is null
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
        => CanonicalBase64Url.TryDecode(value, out var bytes) && (expectedBytes < 0 || bytes.Length == expectedBytes) ? bytes : null;

    private static ECCurve NamedCurve(string crv) => crv switch
    {
        "P-256" => ECCurve.NamedCurves.nistP256,
        "P-384" => ECCurve.NamedCurves.nistP384,
        _ => ECCurve.NamedCurves.nistP521,
    };
}
