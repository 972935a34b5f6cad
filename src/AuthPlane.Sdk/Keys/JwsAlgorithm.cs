using System.Security.Cryptography;

namespace AuthPlane.Sdk.Keys;

/// <summary>The asymmetric JWS algorithms (RFC 7518 §3) the SDK can verify; <c>none</c> and HMAC are deliberately absent.</summary>
internal sealed class JwsAlgorithm
{
    private static readonly Dictionary<string, JwsAlgorithm> ByName = new(StringComparer.Ordinal)
    {
        ["ES256"] = new("ES256", "EC", HashAlgorithmName.SHA256, "P-256", 64, null),
        ["ES384"] = new("ES384", "EC", HashAlgorithmName.SHA384, "P-384", 96, null),
        ["ES512"] = new("ES512", "EC", HashAlgorithmName.SHA512, "P-521", 132, null),
        ["RS256"] = new("RS256", "RSA", HashAlgorithmName.SHA256, null, 0, RSASignaturePadding.Pkcs1),
        ["RS384"] = new("RS384", "RSA", HashAlgorithmName.SHA384, null, 0, RSASignaturePadding.Pkcs1),
        ["RS512"] = new("RS512", "RSA", HashAlgorithmName.SHA512, null, 0, RSASignaturePadding.Pkcs1),
        ["PS256"] = new("PS256", "RSA", HashAlgorithmName.SHA256, null, 0, RSASignaturePadding.Pss),
        ["PS384"] = new("PS384", "RSA", HashAlgorithmName.SHA384, null, 0, RSASignaturePadding.Pss),
        ["PS512"] = new("PS512", "RSA", HashAlgorithmName.SHA512, null, 0, RSASignaturePadding.Pss),
    };

    private JwsAlgorithm(string name, string keyType, HashAlgorithmName hash, string? curve, int signatureLength, RSASignaturePadding? padding)
    {
        Name = name;
        KeyType = keyType;
        Hash = hash;
        Curve = curve;
        SignatureLength = signatureLength;
        Padding = padding;
    }

    /// <summary>The JWS <c>alg</c> value.</summary>
    public string Name { get; }

    /// <summary>The JWK <c>kty</c> the algorithm needs: <c>EC</c> or <c>RSA</c>.</summary>
    public string KeyType { get; }

    /// <summary>The digest of the algorithm.</summary>
    public HashAlgorithmName Hash { get; }

    /// <summary>The JWK <c>crv</c> an EC algorithm needs; null for RSA.</summary>
    public string? Curve { get; }

    /// <summary>The fixed IEEE P1363 signature length of an EC algorithm; 0 for RSA.</summary>
    public int SignatureLength { get; }

    /// <summary>The RSA padding; null for EC.</summary>
    public RSASignaturePadding? Padding { get; }

    /// <summary>True for the ECDSA algorithms.</summary>
    public bool IsEllipticCurve => Curve is not null;

    /// <summary>Looks up a supported asymmetric algorithm by its exact (case-sensitive) name.</summary>
    public static bool TryGet(string? name, out JwsAlgorithm algorithm)
    {
        if (name is not null && ByName.TryGetValue(name, out var found))
        {
            algorithm = found;
            return true;
        }

        algorithm = null!;
        return false;
    }

    /// <summary>The names of every supported algorithm.</summary>
    public static IEnumerable<string> SupportedNames => ByName.Keys;
}
