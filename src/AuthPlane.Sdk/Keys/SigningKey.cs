using System.Security.Cryptography;

namespace AuthPlane.Sdk.Keys;

/// <summary>
/// One key of the issuer's JWKS with its public key imported once (so no request pays for a key import).
/// A key whose JWK forbids verification (<c>use</c>, <c>key_ops</c>, size, curve) is kept as unusable, so a
/// token naming it is rejected as "key not usable" rather than triggering a refresh for an "unknown" key.
/// The imported key only verifies, which the platform implementations do with a fresh context per call, so one
/// instance is shared by concurrent requests.
/// </summary>
internal sealed class SigningKey : IDisposable
{
    private readonly AsymmetricAlgorithm? _key;

    private SigningKey(string keyId, string keyType, string? algorithm, string? curve, AsymmetricAlgorithm? key, string fingerprint)
    {
        KeyId = keyId;
        KeyType = keyType;
        Algorithm = algorithm;
        Curve = curve;
        _key = key;
        Fingerprint = fingerprint;
    }

    /// <summary>The <c>kid</c>.</summary>
    public string KeyId { get; }

    /// <summary>The <c>kty</c>.</summary>
    public string KeyType { get; }

    /// <summary>The JWK's <c>alg</c>, when it declares one.</summary>
    public string? Algorithm { get; }

    /// <summary>The EC curve, when an EC key.</summary>
    public string? Curve { get; }

    /// <summary>The canonical JWK text the key was built from, used to reuse the imported key across refreshes.</summary>
    public string Fingerprint { get; }

    /// <summary>True when the JWK allows signature verification at all.</summary>
    public bool IsUsable => _key is not null;

    /// <summary>Creates a key that verifies with <paramref name="key"/>.</summary>
    public static SigningKey Usable(string keyId, string keyType, string? algorithm, string? curve, AsymmetricAlgorithm key, string fingerprint)
        => new(keyId, keyType, algorithm, curve, key, fingerprint);

    /// <summary>Creates a placeholder for a JWK that may not be used to verify.</summary>
    public static SigningKey Unusable(string keyId, string keyType, string fingerprint)
        => new(keyId, keyType, null, null, null, fingerprint);

    /// <summary>True when this key may verify a token signed with <paramref name="algorithm"/> (RFC 8725 §3.1, RFC 7517 §4.4).</summary>
    public bool CanVerify(JwsAlgorithm algorithm)
    {
        if (_key is null || !string.Equals(KeyType, algorithm.KeyType, StringComparison.Ordinal))
        {
            return false;
        }

        if (Algorithm is not null && !string.Equals(Algorithm, algorithm.Name, StringComparison.Ordinal))
        {
            return false;
        }

        return !algorithm.IsEllipticCurve || string.Equals(Curve, algorithm.Curve, StringComparison.Ordinal);
    }

    /// <summary>Verifies <paramref name="signature"/> over <paramref name="data"/>; call only after <see cref="CanVerify"/>.</summary>
    public bool Verify(JwsAlgorithm algorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        return _key switch
        {
            ECDsa ec => signature.Length == algorithm.SignatureLength
                && !IsAllZero(signature)
                && ec.VerifyData(data, signature, algorithm.Hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
            RSA rsa => signature.Length == (rsa.KeySize + 7) / 8
                && rsa.VerifyData(data, signature, algorithm.Hash, algorithm.Padding!),
            _ => false,
        };
    }

    /// <inheritdoc />
    public void Dispose() => _key?.Dispose();

    // An all-zero ECDSA signature (r = s = 0) is never valid; rejecting it outright guards against
    // verifiers that mishandle it (CVE-2022-21449 "psychic signatures").
    private static bool IsAllZero(ReadOnlySpan<byte> signature) => !signature.ContainsAnyExcept((byte)0);
}
