using System.Text.Json;
using AuthPlane.Sdk.Errors;
using AuthPlane.Sdk.Jose;
using AuthPlane.Sdk.Keys;

namespace AuthPlane.Sdk.DPoP;

/// <summary>
/// Reads the <c>jwk</c> header of a DPoP proof (RFC 9449 §4.3 items 5–6) with the shared <see cref="PublicJwkReader"/>:
/// public members only, the key type and curve the proof <c>alg</c> needs (from the shared <see cref="JwsAlgorithm"/>
/// table), and an RSA modulus of 2048–4096 bits. Nothing is imported here.
/// </summary>
internal static class DPoPJwkReader
{
    private const int MaxRsaBits = 4096;

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

        if (PublicJwkReader.HasPrivateMembers(key))
        {
            return RejectionReason.DPoPJwkContainsPrivateKey;
        }

        if (!string.Equals(PublicJwkReader.GetString(key, "kty"), algorithm.KeyType, StringComparison.Ordinal))
        {
            return RejectionReason.DPoPJwkInvalid;
        }

        if (algorithm.IsEllipticCurve)
        {
            if (!PublicJwkReader.TryReadEc(key, out var crv, out var x, out var y, out var ec) || crv != algorithm.Curve)
            {
                return RejectionReason.DPoPJwkInvalid;
            }

            jwk = DPoPPublicJwk.ForEc(JwkThumbprint.ComputeEc(crv, x, y), ec);
            return RejectionReason.None;
        }

        if (!PublicJwkReader.TryReadRsa(key, MaxRsaBits, out var n, out var e, out var rsa))
        {
            return RejectionReason.DPoPJwkInvalid;
        }

        jwk = DPoPPublicJwk.ForRsa(JwkThumbprint.ComputeRsa(e, n), rsa);
        return RejectionReason.None;
    }
}
