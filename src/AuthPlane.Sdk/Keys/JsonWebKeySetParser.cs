using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AuthPlane.Sdk.Jose;

namespace AuthPlane.Sdk.Keys;

/// <summary>
/// Turns a JWKS document (RFC 7517 §5) into <see cref="SigningKey"/> values, importing each public key once. The
/// key members are read by the same <see cref="PublicJwkReader"/> as DPoP proof keys; on top of it, the
/// <c>use</c>/<c>key_ops</c>/<c>alg</c> filters are applied once, at refresh time, instead of on every token.
/// </summary>
/// <remarks>
/// IdentityModel's <c>JsonWebKeySet</c> is not used (and the SDK does not reference IdentityModel): it would remove
/// only the reading of a few string members, while the decoding, size and curve rules stay ours, and it would loosen
/// two of them — it reads a JWK whose members repeat, and decodes padded base64url.
/// </remarks>
internal static class JsonWebKeySetParser
{
    private const int MaxRsaBits = 8192;

    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false, MaxDepth = 32 };

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
            document = JsonDocument.Parse(json.ToArray(), DocumentOptions); // refresh time only, never per request
        }
        catch (JsonException)
        {
            return false; // not JSON, too deep, or a repeated member: no key of it can be trusted
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
        if (!PublicJwkReader.TryReadEc(jwk, out var curve, out _, out _, out var parameters))
        {
            return SigningKey.Unusable(keyId, "EC", fingerprint);
        }

        return SigningKey.Usable(keyId, "EC", algorithm, curve, ECDsa.Create(parameters), fingerprint);
    }

    private static SigningKey CreateRsa(string keyId, JsonElement jwk, string? algorithm, string fingerprint)
    {
        if (!PublicJwkReader.TryReadRsa(jwk, MaxRsaBits, out _, out _, out var parameters))
        {
            return SigningKey.Unusable(keyId, "RSA", fingerprint);
        }

        return SigningKey.Usable(keyId, "RSA", algorithm, null, RSA.Create(parameters), fingerprint);
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

    private static string? GetString(JsonElement jwk, string name) => PublicJwkReader.GetString(jwk, name);
}
