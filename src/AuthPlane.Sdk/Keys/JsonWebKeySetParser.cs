using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AuthPlane.Sdk.Jose;

namespace AuthPlane.Sdk.Keys;

/// <summary>
/// Turns a JWKS document (RFC 7517 §5) into <see cref="SigningKey"/> values, importing each public key once.
/// System.Text.Json is used directly rather than IdentityModel's <c>JsonWebKeySet</c> so that the
/// <c>use</c>/<c>key_ops</c>/<c>alg</c>/size rules are applied once, at refresh time, instead of on every token.
/// </summary>
internal static class JsonWebKeySetParser
{
    private const int MinRsaBits = 2048;
    private const int MaxRsaBits = 8192;

    /// <summary>
    /// Parses <paramref name="json"/>. A key whose fingerprint equals one in <paramref name="previous"/> reuses that
    /// imported instance. Returns false when the document is not a JWKS at all.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> json, KeySet? previous, out Dictionary<string, SigningKey[]> keys)
    {
        keys = new Dictionary<string, SigningKey[]>(StringComparer.Ordinal);
        if (!JsonText.IsWellFormed(json))
        {
            return false;
        }

        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(json);
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException)
        {
            return false;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("keys", out var keyArray)
                || keyArray.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            var collected = new Dictionary<string, List<SigningKey>>(StringComparer.Ordinal);
            foreach (var jwk in keyArray.EnumerateArray())
            {
                if (jwk.ValueKind != JsonValueKind.Object || GetString(jwk, "kid") is not { Length: > 0 } keyId)
                {
                    continue; // keys are selected by kid; a key without one can never be chosen
                }

                var fingerprint = Fingerprint(jwk);
                var key = previous?.FindByFingerprint(keyId, fingerprint) ?? Create(keyId, jwk, fingerprint);
                if (!collected.TryGetValue(keyId, out var list))
                {
                    collected[keyId] = list = [];
                }

                list.Add(key);
            }

            foreach (var (keyId, list) in collected)
            {
                keys[keyId] = [.. list];
            }
        }

        return true;
    }

    private static SigningKey Create(string keyId, JsonElement jwk, string fingerprint)
    {
        var keyType = GetString(jwk, "kty") ?? string.Empty;
        if (!AllowsVerification(jwk))
        {
            return SigningKey.Unusable(keyId, keyType, fingerprint);
        }

        var algorithm = GetString(jwk, "alg");
        if (jwk.TryGetProperty("alg", out _)
            && (algorithm is null || !JwsAlgorithm.TryGet(algorithm, out var declared) || declared.KeyType != keyType))
        {
            return SigningKey.Unusable(keyId, keyType, fingerprint);
        }

        try
        {
            return keyType switch
            {
                "EC" => CreateEc(keyId, jwk, algorithm, fingerprint),
                "RSA" => CreateRsa(keyId, jwk, algorithm, fingerprint),
                _ => SigningKey.Unusable(keyId, keyType, fingerprint),
            };
        }
        catch (CryptographicException)
        {
            return SigningKey.Unusable(keyId, keyType, fingerprint);
        }
    }

    // RFC 7517 §4.2/§4.3: "use" must be "sig" and "key_ops" must include "verify" when present.
    private static bool AllowsVerification(JsonElement jwk)
    {
        if (jwk.TryGetProperty("use", out var use)
            && (use.ValueKind != JsonValueKind.String || !use.ValueEquals("sig")))
        {
            return false;
        }

        if (!jwk.TryGetProperty("key_ops", out var ops))
        {
            return true;
        }

        if (ops.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        foreach (var op in ops.EnumerateArray())
        {
            if (op.ValueKind == JsonValueKind.String && op.ValueEquals("verify"))
            {
                return true;
            }
        }

        return false;
    }

    private static SigningKey CreateEc(string keyId, JsonElement jwk, string? algorithm, string fingerprint)
    {
        var curveName = GetString(jwk, "crv");
        (ECCurve curve, int size) = curveName switch
        {
            "P-256" => (ECCurve.NamedCurves.nistP256, 32),
            "P-384" => (ECCurve.NamedCurves.nistP384, 48),
            "P-521" => (ECCurve.NamedCurves.nistP521, 66),
            _ => (default(ECCurve), 0),
        };
        var x = Decode(GetString(jwk, "x"));
        var y = Decode(GetString(jwk, "y"));
        if (size == 0 || x is null || y is null || x.Length != size || y.Length != size)
        {
            return SigningKey.Unusable(keyId, "EC", fingerprint);
        }

        var ecdsa = ECDsa.Create(new ECParameters { Curve = curve, Q = new ECPoint { X = x, Y = y } });
        return SigningKey.Usable(keyId, "EC", algorithm, curveName, ecdsa, fingerprint);
    }

    private static SigningKey CreateRsa(string keyId, JsonElement jwk, string? algorithm, string fingerprint)
    {
        var modulus = Decode(GetString(jwk, "n"));
        var exponent = Decode(GetString(jwk, "e"));
        if (modulus is null || exponent is null || exponent.Length == 0)
        {
            return SigningKey.Unusable(keyId, "RSA", fingerprint);
        }

        var significant = modulus.AsSpan().TrimStart((byte)0);
        var bits = significant.IsEmpty ? 0 : (significant.Length * 8) - byte.LeadingZeroCount(significant[0]);
        if (bits < MinRsaBits || bits > MaxRsaBits)
        {
            return SigningKey.Unusable(keyId, "RSA", fingerprint);
        }

        var rsa = RSA.Create(new RSAParameters { Modulus = significant.ToArray(), Exponent = exponent });
        return SigningKey.Usable(keyId, "RSA", algorithm, null, rsa, fingerprint);
    }

    private static string Fingerprint(JsonElement jwk)
    {
        var builder = new StringBuilder(256);
        foreach (var name in (ReadOnlySpan<string>)["kty", "crv", "x", "y", "n", "e", "alg", "use", "key_ops"])
        {
            builder.Append(name).Append('=');
            if (jwk.TryGetProperty(name, out var value))
            {
                builder.Append(value.GetRawText());
            }

            builder.Append(';');
        }

        return builder.ToString();
    }

    private static string? GetString(JsonElement jwk, string name)
        => jwk.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[]? Decode(string? value)
        => value is not null && CanonicalBase64Url.TryDecode(value, out var bytes) ? bytes : null;
}
