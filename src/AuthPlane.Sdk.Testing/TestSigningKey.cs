using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace AuthPlane.Sdk.Testing;

/// <summary>A signing key of a <see cref="TestAuthority"/> (or one it never publishes): its <c>kid</c>, <c>alg</c>, public JWK, and the ability to sign.</summary>
public sealed class TestSigningKey : IDisposable
{
    private readonly ECDsa? _ecdsa;
    private readonly RSA? _rsa;
    private readonly HashAlgorithmName _hash;
    private readonly RSASignaturePadding? _padding;

    private TestSigningKey(string keyId, string algorithm, ECDsa? ecdsa, RSA? rsa, HashAlgorithmName hash, RSASignaturePadding? padding)
    {
        KeyId = keyId;
        Algorithm = algorithm;
        _ecdsa = ecdsa;
        _rsa = rsa;
        _hash = hash;
        _padding = padding;
    }

    /// <summary>The <c>kid</c>.</summary>
    public string KeyId { get; }

    /// <summary>The JWS <c>alg</c> the key signs with.</summary>
    public string Algorithm { get; }

    /// <summary>The key pair (an <see cref="ECDsa"/> or <see cref="RSA"/>).</summary>
    public AsymmetricAlgorithm Key => (AsymmetricAlgorithm?)_ecdsa ?? _rsa!;

    /// <summary>Creates a key for <paramref name="algorithm"/>: ES256, ES384, ES512, RS256, RS384, RS512, PS256, PS384 or PS512.</summary>
    /// <param name="algorithm">The JWS algorithm.</param>
    /// <param name="keyId">The <c>kid</c>; a random one when null.</param>
    /// <param name="rsaBits">The RSA modulus size (ignored for EC keys).</param>
    public static TestSigningKey Create(string algorithm = "ES256", string? keyId = null, int rsaBits = 2048)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        keyId ??= "test-" + Guid.NewGuid().ToString("N")[..12];
        return algorithm switch
        {
            "ES256" => new(keyId, algorithm, ECDsa.Create(ECCurve.NamedCurves.nistP256), null, HashAlgorithmName.SHA256, null),
            "ES384" => new(keyId, algorithm, ECDsa.Create(ECCurve.NamedCurves.nistP384), null, HashAlgorithmName.SHA384, null),
            "ES512" => new(keyId, algorithm, ECDsa.Create(ECCurve.NamedCurves.nistP521), null, HashAlgorithmName.SHA512, null),
            "RS256" or "RS384" or "RS512" or "PS256" or "PS384" or "PS512" => new(
                keyId,
                algorithm,
                null,
                RSA.Create(rsaBits),
                new HashAlgorithmName("SHA" + algorithm[2..]),
                algorithm[0] == 'R' ? RSASignaturePadding.Pkcs1 : RSASignaturePadding.Pss),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unsupported test signing algorithm."),
        };
    }

    // Restores a key saved with ExportPkcs8 (the persisted signing key of a TestAuthority state directory).
    internal static TestSigningKey FromPkcs8(string keyId, string algorithm, byte[] pkcs8)
    {
        if (algorithm.StartsWith("ES", StringComparison.Ordinal))
        {
            var ecdsa = ECDsa.Create();
            ecdsa.ImportPkcs8PrivateKey(pkcs8, out _);
            return new(keyId, algorithm, ecdsa, null, new HashAlgorithmName("SHA" + algorithm[2..]), null);
        }

        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(pkcs8, out _);
        return new(keyId, algorithm, null, rsa, new HashAlgorithmName("SHA" + algorithm[2..]), algorithm[0] == 'R' ? RSASignaturePadding.Pkcs1 : RSASignaturePadding.Pss);
    }

    // The private key as PKCS#8, for a TestAuthority state directory.
    internal byte[] ExportPkcs8() => Key.ExportPkcs8PrivateKey();

    /// <summary>The public JWK (<c>kty</c>, <c>kid</c>, <c>use</c>=<c>sig</c>, <c>alg</c>, and the key members); a new object on each call.</summary>
    public JsonObject PublicJwk()
    {
        var jwk = new JsonObject();
        if (_ecdsa is not null)
        {
            var parameters = _ecdsa.ExportParameters(includePrivateParameters: false);
            jwk["kty"] = "EC";
            jwk["kid"] = KeyId;
            jwk["use"] = "sig";
            jwk["alg"] = Algorithm;
            jwk["crv"] = Algorithm switch { "ES256" => "P-256", "ES384" => "P-384", _ => "P-521" };
            jwk["x"] = Base64Url.EncodeToString(parameters.Q.X);
            jwk["y"] = Base64Url.EncodeToString(parameters.Q.Y);
        }
        else
        {
            var parameters = _rsa!.ExportParameters(includePrivateParameters: false);
            jwk["kty"] = "RSA";
            jwk["kid"] = KeyId;
            jwk["use"] = "sig";
            jwk["alg"] = Algorithm;
            jwk["n"] = Base64Url.EncodeToString(parameters.Modulus);
            jwk["e"] = Base64Url.EncodeToString(parameters.Exponent);
        }

        return jwk;
    }

    /// <summary>Signs <paramref name="data"/> as JWS <see cref="Algorithm"/> does (IEEE P1363 for ECDSA).</summary>
    public byte[] Sign(ReadOnlySpan<byte> data)
        => _ecdsa is not null
            ? _ecdsa.SignData(data, _hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
            : _rsa!.SignData(data.ToArray(), _hash, _padding!);

    /// <inheritdoc />
    public void Dispose()
    {
        _ecdsa?.Dispose();
        _rsa?.Dispose();
    }
}
